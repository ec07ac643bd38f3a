#include "planner/init/field_dictionary.h"

#include <initializer_list>

#include "planner/init/column_name.h"

namespace crm::plan::init {
namespace {

// Shared spellings, so every entity that has the field knows all of them.
const std::initializer_list<const char*> kEmail = {"email",
                                                   "e-mail",
                                                   "email address",
                                                   "e-mail address",
                                                   "mail",
                                                   "mail address",
                                                   "emailadres",
                                                   "e-mailadres",
                                                   "mailadres",
                                                   "e-mail-adresse",
                                                   "emailadresse",
                                                   "courriel",
                                                   "adresse email",
                                                   "adresse e-mail",
                                                   "adresse mail",
                                                   "correo",
                                                   "correo electronico",
                                                   "email principal",
                                                   "posta elettronica",
                                                   "indirizzo email",
                                                   "endereco de email",
                                                   "epost",
                                                   "primary email",
                                                   "work email",
                                                   "business email"};
const std::initializer_list<const char*> kPhone = {"phone",
                                                   "phone number",
                                                   "telephone",
                                                   "tel",
                                                   "tel nr",
                                                   "telephone number",
                                                   "telefoon",
                                                   "telefoonnummer",
                                                   "telefoonnr",
                                                   "telefon",
                                                   "telefonnummer",
                                                   "telefono",
                                                   "numero de telefono",
                                                   "numero de telephone",
                                                   "business phone",
                                                   "work phone",
                                                   "office phone",
                                                   "phone work",
                                                   "landline",
                                                   "vast",
                                                   "festnetz",
                                                   "fon"};
const std::initializer_list<const char*> kMobile = {
    "mobile",  "mobile phone", "mobile number", "mobiel",   "mobiel nummer", "mobielnummer",
    "gsm",     "handy",        "handynummer",   "mobil",    "mobilnummer",   "mobiltelefon",
    "cell",    "cell phone",   "cellphone",     "cellular", "movil",         "telefono movil",
    "celular", "portable",     "cellulare"};
const std::initializer_list<const char*> kFax = {"fax", "telefax", "fax number", "faxnummer"};
const std::initializer_list<const char*> kStreet = {"street",
                                                    "street address",
                                                    "address",
                                                    "address 1",
                                                    "address line 1",
                                                    "addr",
                                                    "straat",
                                                    "straatnaam",
                                                    "adres",
                                                    "strasse",
                                                    "anschrift",
                                                    "adresse",
                                                    "rue",
                                                    "calle",
                                                    "direccion",
                                                    "domicilio",
                                                    "via",
                                                    "indirizzo",
                                                    "rua",
                                                    "endereco",
                                                    "billing address",
                                                    "billing street"};
const std::initializer_list<const char*> kPostalCode = {
    "postal code", "postcode",           "post code",   "zip", "zip code",      "zipcode",
    "plz",         "postleitzahl",       "code postal", "cp",  "codigo postal", "cap",
    "cep",         "billing postal code"};
const std::initializer_list<const char*> kCity = {
    "city",      "town",    "plaats", "woonplaats",   "stad",        "ort",
    "stadt",     "wohnort", "ville",  "localite",     "ciudad",      "localidad",
    "poblacion", "citta",   "cidade", "municipality", "billing city"};
const std::initializer_list<const char*> kState = {
    "state",     "region", "province",    "provincie",     "bundesland",
    "provincia", "county", "departement", "billing state", "state province"};
const std::initializer_list<const char*> kCountry = {
    "country",  "country code", "country name",   "country iso", "land",
    "landcode", "pays",         "pais",           "paese",       "nazione",
    "nation",   "staat land",   "billing country"};
const std::initializer_list<const char*> kCompany = {
    "company",        "company name",    "companyname",  "firma",        "firmenname",
    "unternehmen",    "bedrijf",         "bedrijfsnaam", "organisatie",  "empresa",
    "nombre empresa", "razon social",    "societe",      "entreprise",   "raison sociale",
    "azienda",        "ragione sociale", "organisation", "organization", "account name",
    "customer name",  "client name"};
const std::initializer_list<const char*> kCreated = {
    "created at",        "created",       "created on",       "creation date",    "date created",
    "created date",      "aangemaakt",    "aangemaakt op",    "datum aangemaakt", "erstellt",
    "erstellt am",       "angelegt",      "angelegt am",      "erfasst",          "fecha creacion",
    "fecha de creacion", "date creation", "date de creation", "data creazione",   "data criacao",
    "registered",        "registered at", "signup date",      "signed up",        "signed up at",
    "subscribed at",     "since",         "klant sinds",      "kunde seit",       "first seen"};
const std::initializer_list<const char*> kUpdated = {
    "updated at",         "updated",           "updated on",       "modified",
    "modified at",        "modified on",       "last modified",    "date modified",
    "gewijzigd",          "gewijzigd op",      "laatst gewijzigd", "geaendert",
    "geandert",           "geaendert am",      "geandert am",      "letzte aenderung",
    "fecha modificacion", "date modification", "changed at",       "last updated"};
const std::initializer_list<const char*> kNote = {
    "note",          "notes",       "notitie",     "notities",     "opmerking", "opmerkingen",
    "comment",       "comments",    "remark",      "remarks",      "bemerkung", "bemerkungen",
    "notiz",         "notizen",     "commentaire", "commentaires", "nota",      "notas",
    "observaciones", "comentarios", "note interne"};
const std::initializer_list<const char*> kStatus = {
    "status", "state code", "statut", "stato", "estado", "zustand", "lifecycle stage"};
const std::initializer_list<const char*> kFirstName = {
    "first name", "firstname", "first",         "given name",    "forename",
    "fname",      "voornaam",  "roepnaam",      "vorname",       "prenom",
    "nombre",     "nome",      "primeiro nome", "nombre de pila"};
const std::initializer_list<const char*> kLastName = {
    "last name",  "lastname",    "last",     "surname",      "family name", "lname",
    "achternaam", "familienaam", "nachname", "familienname", "nom",         "nom de famille",
    "apellido",   "apellidos",   "cognome",  "sobrenome",    "apelido"};
const std::initializer_list<const char*> kFullName = {
    "name",           "full name",       "fullname",       "contact name",
    "contact",        "person",          "naam",           "volledige naam",
    "contactpersoon", "ansprechpartner", "nom complet",    "nombre completo",
    "nome completo",  "display name",    "subscriber name"};
const std::initializer_list<const char*> kSalutation = {
    "salutation", "aanhef", "anrede",    "civilite", "tratamiento",
    "saludo",     "titolo", "honorific", "prefix",   "title prefix"};
const std::initializer_list<const char*> kJobTitle = {
    "job title", "jobtitle", "position", "function", "functie",       "funktion", "beruf",
    "poste",     "fonction", "cargo",    "puesto",   "contact title", "role"};

std::vector<std::string> Compacted(std::initializer_list<const char*> names) {
  std::vector<std::string> out;
  for (const char* name : names) out.push_back(Compact(NameWords(name)));
  return out;
}

TargetField F(const char* name, const char* type, bool pii, ValueKind content,
              std::initializer_list<const char*> names) {
  TargetField f;
  f.name = name;
  f.type = type;
  f.pii = pii;
  f.content = content;
  f.names = Compacted(names);
  return f;
}

TargetField Exact(TargetField f) {
  f.exact_only = true;
  return f;
}

std::vector<TargetEntity> Build() {
  using K = ValueKind;
  std::vector<TargetEntity> out;
  out.push_back(TargetEntity{
      "account",
      "accounts",
      Compacted({"account", "accounts", "company", "companies", "organisation", "organisations",
                 "organization", "organizations", "firm", "firms", "firma", "firmen", "bedrijf",
                 "bedrijven", "empresa", "empresas", "societe", "societes"}),
      {Exact(F("name", "string", false, K::kText,
               {"name",         "naam",          "company",        "company name", "firma",
                "firmenname",   "bedrijf",       "bedrijfsnaam",   "empresa",      "nombre empresa",
                "razon social", "societe",       "raison sociale", "entreprise",   "azienda",
                "organisation", "organization",  "account",        "account name", "nom",
                "nombre",       "customer name", "client name"})),
       F("industry", "string", false, K::kText,
         {"industry", "branche", "branch", "sector", "sektor", "industrie", "secteur",
          "industria"}),
       F("website", "url", false, K::kText,
         {"website", "web site", "web", "url", "homepage", "home page", "www", "site web",
          "sitio web", "webseite"}),
       F("vat_number", "string", false, K::kText,
         {"vat", "vat number", "vat id", "btw", "btw nummer", "ust id", "ustid", "ust idnr", "tva",
          "numero tva", "nif", "cif", "partita iva"}),
       F("email", "email", true, K::kEmail, kEmail), F("phone", "phone", true, K::kPhone, kPhone),
       F("fax", "phone", true, K::kPhone, kFax), F("street", "string", true, K::kText, kStreet),
       F("postal_code", "postal_code", false, K::kText, kPostalCode),
       F("city", "string", false, K::kText, kCity), F("state", "string", false, K::kText, kState),
       F("country", "country", false, K::kCountry, kCountry),
       F("created_at", "date", false, K::kDate, kCreated),
       F("updated_at", "datetime", false, K::kDateTime, kUpdated),
       F("note", "text", false, K::kText, kNote)}});
  out.push_back(TargetEntity{
      "contact",
      "contacts",
      // Not "customers" or "clients": those are companies as often as people, and the columns
      // decide (suggest.cpp).
      Compacted({"contact", "contacts", "person", "persons", "people", "subscriber", "subscribers",
                 "newsletter", "member", "members", "personen", "contactpersonen",
                 "ansprechpartner", "relatie", "relaties"}),
      {F("salutation", "string", false, K::kText, kSalutation),
       F("first_name", "string", true, K::kText, kFirstName),
       F("last_name", "string", true, K::kText, kLastName),
       Exact(F("full_name", "string", true, K::kText, kFullName)),
       F("email", "email", true, K::kEmail, kEmail),
       F("phone", "phone", true, K::kPhone, kPhone),
       F("mobile", "phone", true, K::kPhone, kMobile),
       F("fax", "phone", true, K::kPhone, kFax),
       F("company", "string", false, K::kText, kCompany),
       F("job_title", "string", false, K::kText, kJobTitle),
       F("street", "string", true, K::kText, kStreet),
       F("postal_code", "postal_code", false, K::kText, kPostalCode),
       F("city", "string", false, K::kText, kCity),
       F("state", "string", false, K::kText, kState),
       F("country", "country", false, K::kCountry, kCountry),
       F("birth_date", "date", true, K::kDate,
         {"birth date", "birthdate", "date of birth", "dob", "birthday", "born", "geboortedatum",
          "geboren", "geburtsdatum", "geburtstag", "fecha nacimiento", "fecha de nacimiento",
          "date naissance", "date de naissance", "data nascita", "data de nascimento"}),
       F("newsletter_opt_in", "boolean", false, K::kBoolean,
         {"newsletter", "newsletter opt in", "nieuwsbrief", "opt in", "optin", "email opt in",
          "marketing opt in", "consent", "marketing consent", "subscribed", "abonniert", "suscrito",
          "boletin", "infolettre"}),
       F("status", "string", false, K::kText, kStatus),
       F("created_at", "date", false, K::kDate, kCreated),
       F("updated_at", "datetime", false, K::kDateTime, kUpdated),
       F("note", "text", false, K::kText, kNote)}});
  out.push_back(TargetEntity{
      "lead",
      "leads",
      Compacted({"lead", "leads", "prospect", "prospects", "interessent", "interessenten",
                 "prospecten", "prospectos"}),
      {F("first_name", "string", true, K::kText, kFirstName),
       F("last_name", "string", true, K::kText, kLastName),
       Exact(F("full_name", "string", true, K::kText, kFullName)),
       F("company", "string", false, K::kText, kCompany),
       F("email", "email", true, K::kEmail, kEmail), F("phone", "phone", true, K::kPhone, kPhone),
       F("mobile", "phone", true, K::kPhone, kMobile),
       F("job_title", "string", false, K::kText, kJobTitle),
       F("country", "country", false, K::kCountry, kCountry),
       F("city", "string", false, K::kText, kCity),
       F("lead_source", "string", false, K::kText,
         {"lead source", "source", "bron", "herkunft", "quelle", "origen", "origine", "channel",
          "kanaal", "kanal"}),
       F("status", "string", false, K::kText, kStatus),
       F("created_at", "date", false, K::kDate, kCreated),
       F("note", "text", false, K::kText, kNote)}});
  out.push_back(TargetEntity{
      "deal",
      "deals",
      Compacted({"deal",       "deals",        "opportunity", "opportunities", "order",
                 "orders",     "sale",         "sales",       "invoice",       "invoices",
                 "bestelling", "bestellingen", "bestellung",  "bestellungen",  "auftrag",
                 "auftraege",  "pedido",       "pedidos",     "commande",      "commandes",
                 "verkoop",    "kans",         "kansen"}),
      {Exact(F("name", "string", false, K::kText,
               {"name", "title", "deal name", "opportunity name", "subject", "titel", "naam",
                "bezeichnung", "nombre", "titre", "onderwerp"})),
       F("amount", "decimal", false, K::kDecimal,
         {"amount",    "total",     "total amount", "order total", "value",   "deal value",
          "revenue",   "bedrag",    "totaal",       "waarde",      "betrag",  "summe",
          "gesamt",    "importe",   "montant",      "valor",       "importo", "price",
          "total eur", "total usd", "amount eur"}),
       F("currency", "string", false, K::kText,
         {"currency", "currency code", "valuta", "waehrung", "wahrung", "moneda", "devise",
          "valuta code"}),
       F("stage", "string", false, K::kText,
         {"stage", "deal stage", "status", "phase", "fase", "etapa", "etape", "stadium"}),
       F("closed_at", "date", false, K::kDate,
         {"closed at", "close date", "closed on", "closing date", "order date", "ordered at",
          "ordered on", "invoice date", "besteldatum", "bestelldatum", "fecha pedido",
          "date commande", "datum", "date", "fecha"}),
       F("created_at", "date", false, K::kDate, kCreated),
       F("note", "text", false, K::kText, kNote)}});
  out.push_back(TargetEntity{
      "activity",
      "activities",
      Compacted({"activity",     "activities",   "task",     "tasks",       "call",
                 "calls",        "meeting",      "meetings", "event",       "events",
                 "activiteit",   "activiteiten", "taak",     "taken",       "aktivitaet",
                 "aktivitaeten", "aufgabe",      "aufgaben", "actividad",   "actividades",
                 "tache",        "taches",       "history",  "interactions"}),
      {F("subject", "string", false, K::kText,
         {"subject", "title", "onderwerp", "betreff", "asunto", "sujet", "oggetto", "summary"}),
       F("type", "string", false, K::kText,
         {"type", "activity type", "kind", "soort", "typ", "art", "tipo"}),
       F("occurred_at", "datetime", false, K::kDateTime,
         {"occurred at", "date", "datetime", "start", "start date", "due date", "due", "when",
          "datum", "fecha", "date heure", "timestamp"}),
       F("status", "string", false, K::kText, kStatus),
       F("note", "text", false, K::kText, kNote)}});
  return out;
}

}  // namespace

const TargetField* TargetEntity::FindField(std::string_view field) const {
  for (const TargetField& f : fields) {
    if (f.name == field) return &f;
  }
  return nullptr;
}

const std::vector<TargetEntity>& StandardEntities() {
  static const std::vector<TargetEntity> kEntities = Build();
  return kEntities;
}

const TargetEntity* FindStandardEntity(std::string_view name) {
  for (const TargetEntity& e : StandardEntities()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

bool IsIdName(const std::vector<std::string>& words) {
  const std::string compact = Compact(words);
  static const std::vector<std::string> kIds = Compacted({"id",
                                                          "uid",
                                                          "key",
                                                          "nr",
                                                          "no",
                                                          "number",
                                                          "nummer",
                                                          "code",
                                                          "uuid",
                                                          "guid",
                                                          "record id",
                                                          "external id",
                                                          "klantnummer",
                                                          "klantnr",
                                                          "relatienummer",
                                                          "kundennummer",
                                                          "kundennr",
                                                          "numero cliente",
                                                          "numero client",
                                                          "codigo cliente"});
  for (const std::string& id : kIds) {
    if (compact == id) return true;
  }
  return words.size() > 1 && words.back() == "id";  // "CustomerID", "account_id"
}

}  // namespace crm::plan::init
