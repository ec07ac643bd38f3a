#include "tests/init/init_support.h"

#include <unistd.h>

#include <atomic>

#include "core/common/text.h"

namespace crm::plan::init::testing {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("crm-init-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string RenderMappings(const spec::Spec& spec) {
  std::string out;
  for (const spec::Source& s : spec.sources) {
    out += "source " + s.name + ": " + std::string(spec::Name(s.type));
    if (s.type == spec::SourceType::kSql) {
      out += " table=" + s.table;
    } else {
      out += " encoding=" + s.encoding;
    }
    if (s.type == spec::SourceType::kCsv) out += " delimiter=" + s.delimiter;
    if (!s.id_column.empty()) out += " id_column=" + s.id_column;
    if (!s.default_region.empty()) out += " default_region=" + s.default_region;
    out += "\n";
  }
  for (const spec::Entity& e : spec.entities) {
    out += "entity " + e.name + " (table " + e.table + "):";
    for (const spec::Field& f : e.fields) {
      out += " " + f.name + ":" + std::string(spec::Name(f.type));
    }
    out += "\n";
    for (const spec::SourceMapping& m : e.from) {
      for (const spec::FieldMapping& f : m.map) {
        out += e.name + " <- " + m.source + ": " + f.field + " = ";
        out += f.templ.empty() ? "from " + f.from : "template " + f.templ;
        if (!f.transforms.empty()) out += " [" + Join(f.transforms, ", ") + "]";
        if (!f.part.empty()) out += " part=" + f.part;
        if (!f.formats.empty()) out += " formats=" + Join(f.formats, "|");
        if (!f.locale.empty()) out += " locale=" + f.locale;
        if (!f.true_values.empty()) out += " true=" + Join(f.true_values, "|");
        if (!f.false_values.empty()) out += " false=" + Join(f.false_values, "|");
        if (f.on_error == spec::OnError::kNull) out += " on_error=null";
        out += "\n";
      }
    }
  }
  return out;
}

std::string MappedColumn(const spec::Spec& spec, const std::string& entity,
                         const std::string& source, const std::string& field) {
  const spec::Entity* e = spec.FindEntity(entity);
  if (e == nullptr) return "";
  for (const spec::SourceMapping& m : e->from) {
    if (m.source != source) continue;
    for (const spec::FieldMapping& f : m.map) {
      if (f.field == field) return f.templ.empty() ? f.from : "template:" + f.templ;
    }
  }
  return "";
}

}  // namespace crm::plan::init::testing
