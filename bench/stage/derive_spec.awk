# Derives the comparable spec of bench/stage/run from crm-generate's migration.yaml: the `legacy`
# source (the file sqlite3 .import and psql \copy also load) and the `contact` entity fed from it
# only. Dropped because the peers do nothing like it: the other sources and entities, contact's
# `account` reference (its entity is not staged here), `depends_on`, `match` (identity phase), and
# the top-level rules, subsets, cutover and report. Usage:
#   awk -v staging=sqlite:/abs/staging.db -f derive_spec.awk migration.yaml > bench.yaml
# Relies on crm-generate's layout (2-space indents, one key a line); crm-migrate rejects the result
# loudly should that layout change.
function indent_of(line) {
  match(line, /^ */)
  return RLENGTH
}
function key_of(line) {
  sub(/^ *(- )?/, "", line)
  sub(/:.*/, "", line)
  return line
}
BEGIN { skip = -1 }
/^[[:space:]]*(#.*)?$/ { next }
{
  ind = indent_of($0)
  if (skip >= 0 && ind > skip) next
  skip = -1
  key = key_of($0)
  drop = 0
  if (ind == 0) {
    top = key
    drop = top !~ /^(version|name|staging|target|sources|entities)$/
    if (top == "staging") {
      print "staging: " staging
      next
    }
  } else if (ind == 2) {
    l1 = key
    drop = (top == "sources" && l1 != "legacy") || (top == "entities" && l1 != "contact")
  } else if (top == "entities" && ind == 4) {
    l2 = key
    drop = l2 == "depends_on" || l2 == "match"
  } else if (top == "entities" && ind == 6 && l2 == "fields") {
    drop = key == "account"
  } else if (top == "entities" && ind == 6 && l2 == "from") {
    drop = $0 !~ /^ *- source: legacy *$/
  } else if (top == "entities" && ind == 10 && l2 == "from") {
    drop = key == "account"
  }
  if (drop) {
    skip = ind
    next
  }
  print
}
