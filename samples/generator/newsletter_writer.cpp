// newsletter.jsonl: the newsletter tool's export, one UTF-8 JSON object a line.
#include <string>

#include "samples/generator/person.h"
#include "samples/generator/text.h"
#include "samples/generator/writers.h"

namespace crm::generator {

std::string SubscriberId(int64_t i) {
  std::string n = std::to_string(i);
  return "N" + std::string(n.size() < 4 ? 4 - n.size() : 0, '0') + n;
}

void WriteNewsletter(const Plan& plan, const std::string& dir, Truth* truth) {
  OutFile out(dir + "/newsletter.jsonl");
  Person p;
  std::string id, email, name, line_text, variants, origin_id;
  for (int64_t i = 0; i < plan.subscribers(); ++i) {
    const Kind kind = plan.SubscriberKind(i);
    const int64_t person = plan.SubscriberPerson(i);
    MakePerson(plan.seed(), static_cast<uint64_t>(person), &p);
    Rng rng(plan.seed(), "subscriber-row", static_cast<uint64_t>(i));
    id = SubscriberId(i);
    email = p.email;
    std::string first = p.first, last = p.last;
    variants.clear();
    if (kind == Kind::kNearDuplicate) {
      const int64_t mask = rng.Between(1, 3);
      if (mask & 1) {
        std::string& part = rng.Chance(0.5) ? first : last;
        part = Typo(part, &rng);
        variants = "name_typo";
      }
      if (mask & 2) {
        email[0] = static_cast<char>(email[0] >= 'a' && email[0] <= 'z' ? email[0] - 32 : email[0]);
        variants.append(variants.empty() ? "" : ",").append("email_case");
      }
    } else if (kind == Kind::kInvalidEmail) {
      email = InvalidEmail(p.email, &rng);
    }
    name = first + " " + (p.particle.empty() ? "" : p.particle + " ") + last;
    line_text.clear();
    line_text.append("{\"id\": ");
    AppendJsonString(id, &line_text);
    line_text.append(", \"email\": ");
    AppendJsonString(email, &line_text);
    line_text.append(", \"name\": ");
    AppendJsonString(name, &line_text);
    line_text.append(", \"consent\": {\"newsletter\": ");
    line_text.append(p.newsletter || rng.Chance(0.5) ? "true" : "false");
    line_text.append(", \"updated_at\": \"");
    AppendDateTime(p.updated_seconds + rng.Between(0, 3600 * 24 * 30), true, &line_text);
    line_text.append(rng.Chance(0.5) ? "+02:00\"}" : "+01:00\"}");
    line_text.append(", \"tags\": [");
    const int64_t tags = rng.Between(0, 2);
    for (int64_t t = 0; t < tags; ++t) {
      if (t > 0) line_text.append(", ");
      AppendJsonString(Tags()[rng.Below(Tags().size())], &line_text);
    }
    line_text.append("], \"address\": {\"country\": ");
    const Country& c = p.Residence();
    AppendJsonString(c.spellings[rng.Below(c.spellings.size())], &line_text);
    line_text.append(", \"city\": ");
    AppendJsonString(p.city, &line_text);
    line_text.append("}}");
    // A broken line: the export was cut off in the middle of the object.
    if (kind == Kind::kBrokenJson) line_text.resize(line_text.size() * 3 / 5);
    out.buffer().append(line_text).push_back('\n');
    out.MaybeFlush();

    Truth::Defect d({Truth::kNewsletter, i}, id, i + 1, kind);
    if (kind == Kind::kInvalidEmail) {
      d.field = "email";
      d.value = email;
      d.has_value = true;
    } else if (kind == Kind::kNearDuplicate) {
      const int64_t origin = plan.SubscriberOrigin(i);
      origin_id = origin >= 0 ? std::to_string(1000 + origin) : std::to_string(5000 - 1 - origin);
      d.origin =
          origin >= 0 ? RecordRef{Truth::kLegacy, origin} : RecordRef{Truth::kWebshop, -1 - origin};
      d.origin_record = origin_id;
      d.variants = variants;
    }
    if (kind != Kind::kClean) truth->Add(d);
  }
  truth->CountRecords(Truth::kNewsletter, plan.subscribers());
  out.Close();
}

}  // namespace crm::generator
