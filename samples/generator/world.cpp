// The generator's tables. Phone ranges were checked against libphonenumber 8.12 (every range
// yields valid numbers of the stated kind; Dutch 06 9… and Belgian 02 9… are deliberately absent).
#include "samples/generator/world.h"

#include <string_view>

namespace crm::generator {
namespace {

using SV = std::string_view;

constexpr SV kNlNames[] = {"Nederland", "the Netherlands", "Netherlands", "NL",
                           "Pays-Bas",  "Niederlande",     "NLD"};
constexpr SV kBeNames[] = {"België", "Belgique", "Belgium", "BE", "Belgien"};
constexpr SV kDeNames[] = {"Deutschland", "Germany", "Allemagne", "DE", "Duitsland"};
constexpr SV kFrNames[] = {"France", "Frankrijk", "Frankreich", "FR"};
constexpr SV kEsNames[] = {"España", "Spain", "Spanje", "ES", "Espagne"};
constexpr SV kGbNames[] = {"United Kingdom", "UK", "GB", "Verenigd Koninkrijk", "Royaume-Uni"};
constexpr SV kUsNames[] = {"USA", "United States", "US", "Verenigde Staten", "États-Unis"};
constexpr SV kIeNames[] = {"Ireland", "Ierland", "IE", "Irland"};
constexpr SV kSeNames[] = {"Sverige", "Sweden", "Zweden", "SE"};
constexpr SV kPlNames[] = {"Polska", "Poland", "Polen", "PL", "Pologne"};
constexpr SV kChNames[] = {"Schweiz", "Switzerland", "Zwitserland", "CH", "Suisse"};
constexpr SV kDkNames[] = {"Danmark", "Denmark", "Denemarken", "DK"};
constexpr SV kItNames[] = {"Italia", "Italy", "Italië", "IT", "Italien"};
constexpr SV kPtNames[] = {"Portugal", "PT", "PRT"};

constexpr PhoneRange kNlFixed[] = {{"202", 9, 2}, {"205", 9, 2}, {"104", 9, 2},
                                   {"302", 9, 2}, {"402", 9, 2}, {"703", 9, 2}};
constexpr PhoneRange kNlMobile[] = {
    {"61", 9, 1}, {"62", 9, 1}, {"63", 9, 1}, {"64", 9, 1}, {"65", 9, 1}};
constexpr PhoneRange kBeFixed[] = {{"22", 8, 1}, {"25", 8, 1}, {"32", 8, 1}};
constexpr PhoneRange kBeMobile[] = {{"47", 9, 3}, {"48", 9, 3}, {"49", 9, 3}};
constexpr PhoneRange kDeFixed[] = {{"302", 10, 2}, {"892", 10, 2}, {"404", 10, 2}};
constexpr PhoneRange kDeMobile[] = {{"151", 11, 3}, {"152", 11, 3}, {"176", 11, 3}};
constexpr PhoneRange kFrFixed[] = {{"14", 9, 1}, {"47", 9, 1}};
constexpr PhoneRange kFrMobile[] = {{"61", 9, 1}, {"62", 9, 1}, {"66", 9, 1}, {"75", 9, 1}};
constexpr PhoneRange kEsFixed[] = {{"91", 9, 2}, {"93", 9, 2}};
constexpr PhoneRange kEsMobile[] = {{"61", 9, 3}, {"62", 9, 3}, {"65", 9, 3}, {"67", 9, 3}};
constexpr PhoneRange kGbFixed[] = {{"2079", 10, 2}, {"2038", 10, 2}, {"1612", 10, 3}};
constexpr PhoneRange kGbMobile[] = {{"740", 10, 4}, {"745", 10, 4}, {"780", 10, 4}, {"750", 10, 4}};
constexpr PhoneRange kUsFixed[] = {{"2124", 10, 3}, {"3127", 10, 3}, {"4158", 10, 3}};
constexpr PhoneRange kUsMobile[] = {{"6463", 10, 3}, {"7734", 10, 3}};
constexpr PhoneRange kIeFixed[] = {{"14", 8, 1}, {"16", 8, 1}};
constexpr PhoneRange kIeMobile[] = {{"83", 9, 2}, {"85", 9, 2}, {"87", 9, 2}};
constexpr PhoneRange kSeFixed[] = {{"85", 9, 1}, {"313", 9, 2}};
constexpr PhoneRange kSeMobile[] = {{"70", 9, 2}, {"72", 9, 2}, {"73", 9, 2}};
constexpr PhoneRange kPlFixed[] = {{"124", 9, 2}, {"225", 9, 2}};
constexpr PhoneRange kPlMobile[] = {{"50", 9, 3}, {"60", 9, 3}, {"79", 9, 3}};
constexpr PhoneRange kChFixed[] = {{"442", 9, 2}, {"223", 9, 2}};
constexpr PhoneRange kChMobile[] = {{"76", 9, 2}, {"78", 9, 2}, {"79", 9, 2}};
constexpr PhoneRange kDkFixed[] = {{"33", 8, 2}, {"86", 8, 2}};
constexpr PhoneRange kDkMobile[] = {{"20", 8, 2}, {"26", 8, 2}};
constexpr PhoneRange kItFixed[] = {{"064", 10, 2}, {"025", 10, 2}};
constexpr PhoneRange kItMobile[] = {{"33", 10, 3}, {"34", 10, 3}, {"32", 10, 3}};
constexpr PhoneRange kPtFixed[] = {{"21", 9, 2}, {"22", 9, 2}};
constexpr PhoneRange kPtMobile[] = {{"91", 9, 2}, {"93", 9, 2}, {"96", 9, 2}};

constexpr SV kNlCities[] = {"Amsterdam", "Rotterdam",        "Utrecht",
                            "Eindhoven", "'s-Hertogenbosch", "Groningen"};
constexpr SV kNlStreets[] = {"Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg",
                             "Prinsengracht"};
constexpr SV kBeCities[] = {"Bruxelles", "Antwerpen", "Gent", "Liège", "Brugge"};
constexpr SV kBeStreets[] = {"Rue de la Loi", "Meir", "Veldstraat", "Chaussée de Waterloo"};
constexpr SV kDeCities[] = {"Berlin", "München", "Hamburg", "Köln", "Düsseldorf"};
constexpr SV kDeStreets[] = {"Hauptstraße", "Schloßallee", "Bahnhofstraße", "Königsallee"};
constexpr SV kFrCities[] = {"Paris", "Lyon", "Marseille", "Nice"};
constexpr SV kFrStreets[] = {"Rue de Rivoli", "Avenue des Champs-Élysées", "Rue Lafayette"};
constexpr SV kEsCities[] = {"Madrid", "Barcelona", "Sevilla", "Málaga"};
constexpr SV kEsStreets[] = {"Calle Mayor", "Gran Vía", "Calle de Alcalá"};
constexpr SV kGbCities[] = {"London", "Manchester", "Bristol"};
constexpr SV kGbStreets[] = {"High Street", "Baker Street", "Church Road"};
constexpr SV kUsCities[] = {"Chicago", "New York", "San Francisco"};
constexpr SV kUsStreets[] = {"Main Street", "5th Avenue", "Oak Street"};
constexpr SV kIeCities[] = {"Dublin", "Cork", "Galway"};
constexpr SV kIeStreets[] = {"Grafton Street", "O'Connell Street", "Shop Street"};
constexpr SV kSeCities[] = {"Stockholm", "Göteborg", "Malmö"};
constexpr SV kSeStreets[] = {"Drottninggatan", "Storgatan", "Kungsgatan"};
constexpr SV kPlCities[] = {"Kraków", "Warszawa", "Łódź", "Gdańsk"};
constexpr SV kPlStreets[] = {"ulica Floriańska", "ulica Marszałkowska", "ulica Długa"};
constexpr SV kChCities[] = {"Zürich", "Genève", "Basel"};
constexpr SV kChStreets[] = {"Bahnhofstrasse", "Rue du Rhône", "Marktgasse"};
constexpr SV kDkCities[] = {"København", "Aarhus", "Odense"};
constexpr SV kDkStreets[] = {"Strøget", "Nørregade", "Vestergade"};
constexpr SV kItCities[] = {"Roma", "Milano", "Napoli"};
constexpr SV kItStreets[] = {"Via del Corso", "Via Roma", "Via Garibaldi"};
constexpr SV kPtCities[] = {"Lisboa", "Porto", "Coimbra"};
constexpr SV kPtStreets[] = {"Rua Augusta", "Avenida da Liberdade", "Rua das Flores"};

constexpr SV kNlSal[] = {"Dhr.", "Mevr."};
constexpr SV kDeSal[] = {"Herr", "Frau"};
constexpr SV kFrSal[] = {"M.", "Mme"};
constexpr SV kEsSal[] = {"Sr.", "Sra."};
constexpr SV kEnSal[] = {"Mr.", "Ms."};
constexpr SV kOtherSal[] = {"Mr.", "Mrs."};

constexpr Country kCountries[] = {
    {"NL", "31", "0", kNlNames, kNlFixed, kNlMobile, "9999 AA", kNlCities, kNlStreets, kNlSal},
    {"BE", "32", "0", kBeNames, kBeFixed, kBeMobile, "9999", kBeCities, kBeStreets, kNlSal},
    {"DE", "49", "0", kDeNames, kDeFixed, kDeMobile, "99999", kDeCities, kDeStreets, kDeSal},
    {"FR", "33", "0", kFrNames, kFrFixed, kFrMobile, "99999", kFrCities, kFrStreets, kFrSal},
    {"ES", "34", "", kEsNames, kEsFixed, kEsMobile, "99999", kEsCities, kEsStreets, kEsSal},
    {"GB", "44", "0", kGbNames, kGbFixed, kGbMobile, "AA9 9AA", kGbCities, kGbStreets, kEnSal},
    {"US", "1", "1", kUsNames, kUsFixed, kUsMobile, "99999", kUsCities, kUsStreets, kEnSal},
    {"IE", "353", "0", kIeNames, kIeFixed, kIeMobile, "A99 A9A9", kIeCities, kIeStreets, kEnSal},
    {"SE", "46", "0", kSeNames, kSeFixed, kSeMobile, "999 99", kSeCities, kSeStreets, kOtherSal},
    {"PL", "48", "", kPlNames, kPlFixed, kPlMobile, "99-999", kPlCities, kPlStreets, kOtherSal},
    {"CH", "41", "0", kChNames, kChFixed, kChMobile, "9999", kChCities, kChStreets, kDeSal},
    {"DK", "45", "", kDkNames, kDkFixed, kDkMobile, "9999", kDkCities, kDkStreets, kOtherSal},
    {"IT", "39", "", kItNames, kItFixed, kItMobile, "99999", kItCities, kItStreets, kOtherSal},
    {"PT", "351", "", kPtNames, kPtFixed, kPtMobile, "9999-999", kPtCities, kPtStreets, kOtherSal},
};
constexpr int kCountryWeights[] = {380, 110, 120, 70, 50, 70, 40, 30, 30, 30, 20, 20, 20, 10};

constexpr SV kDutchFirst[] = {"Jan",   "Sanne",   "Pieter", "Eva",    "Daan", "Femke",
                              "Joost", "Marieke", "Bram",   "Lotte",  "Sem",  "Anouk",
                              "Thijs", "Inge",    "Ruud",   "Maaike", "Gert", "Chloë"};
constexpr SV kDutchLast[] = {"Vries",  "Jansen",  "Bakker", "Visser",  "Smit", "Meijer",
                             "Mulder", "Bos",     "Berg",   "Dijk",    "Vos",  "Hendriks",
                             "Dekker", "Brouwer", "Haan",   "Leeuwen", "Wit",  "IJzerman"};
constexpr SV kDutchParticles[] = {"de", "van", "van der", "van den", "ter", "den", "van de"};
constexpr SV kGermanFirst[] = {"Lukas", "Anna",   "Jürgen", "Käthe", "Jörg",    "Lena",
                               "Max",   "Sophie", "Felix",  "Ute",   "Günther", "Jülide"};
constexpr SV kGermanLast[] = {"Müller",  "Schmidt", "Schröder", "Weiß",     "Groß",    "Köhler",
                              "Schäfer", "Krüger",  "Becker",   "Hoffmann", "Fischer", "Weber"};
constexpr SV kFrenchFirst[] = {"Jean",   "Camille", "François", "Hélène", "Benoît", "Zoë",
                               "Mathéo", "Chloé",   "Noël",     "Léa",    "Loïc",   "Élodie"};
constexpr SV kFrenchLast[] = {"Lefèvre", "Dubois",   "Moreau", "Girard",  "Rousseau", "Fontaine",
                              "Bérubé",  "Lemaître", "Martin", "Bernard", "Faure",    "Dupré"};
constexpr SV kSpanishFirst[] = {"José",  "María",  "Jesús",  "Sofía", "Martín",
                                "Lucía", "Álvaro", "Begoña", "Iñaki", "Inés"};
constexpr SV kSpanishLast[] = {"García", "Núñez",  "Pérez",   "Fernández", "Martínez",
                               "López",  "Ibáñez", "Sánchez", "Gómez",     "Muñoz"};
constexpr SV kEnglishFirst[] = {"James", "Olivia",  "Oliver", "Emily", "Seán",   "Aoife",
                                "Liam",  "Siobhán", "Harry",  "Niamh", "Ciarán", "Grace"};
constexpr SV kEnglishLast[] = {"O'Neil",   "O'Brien", "Murphy", "Smith",  "Johnson",       "Brown",
                               "McCarthy", "Kelly",   "Walsh",  "Taylor", "Ó Súilleabháin"};
constexpr SV kNordicFirst[] = {"Søren",  "Åsa",  "Bjørn",  "Märta",  "Björn",
                               "Ingrid", "Lars", "Astrid", "Øyvind", "Sigrid"};
constexpr SV kNordicLast[] = {"Andersson", "Søndergaard", "Ødegaard",  "Åberg",    "Johansson",
                              "Nilsson",   "Kjær",        "Lindström", "Håkansson"};
constexpr SV kPolishFirst[] = {"Łukasz",   "Zofia",     "Paweł",  "Małgorzata",
                               "Wojciech", "Agnieszka", "Michał", "Katarzyna"};
constexpr SV kPolishLast[] = {"Kowalski", "Nowak",     "Wiśniewski",  "Wójcik",
                              "Kamińska", "Zieliński", "Lewandowski", "Szymańska"};
constexpr SV kTurkishFirst[] = {"Ömer",  "Elif",  "Mehmet", "Ayşe",
                                "Yusuf", "Çağla", "Emre",   "Zeynep"};
constexpr SV kTurkishLast[] = {"Öztürk", "Yılmaz", "Çelik", "Şahin",
                               "Kaya",   "Demir",  "Aydın", "Doğan"};
constexpr SV kSouthFirst[] = {"Marco", "Giulia",    "Niccolò", "Chiara",
                              "João",  "Conceição", "Tomás",   "Francesca"};
constexpr SV kSouthLast[] = {"Rossi",     "Bianchi",   "D'Angelo", "Esposito",
                             "Gonçalves", "Conceição", "Araújo",   "Ricci"};

// First names alternate male, female (the salutation follows). Same order as the pool an origin
// country uses in person.cpp (kPoolOfCountry).
constexpr NamePool kPools[] = {
    {kDutchFirst, kDutchLast, kDutchParticles},
    {kGermanFirst, kGermanLast, {}},
    {kFrenchFirst, kFrenchLast, {}},
    {kSpanishFirst, kSpanishLast, {}},
    {kEnglishFirst, kEnglishLast, {}},
    {kNordicFirst, kNordicLast, {}},
    {kPolishFirst, kPolishLast, {}},
    {kTurkishFirst, kTurkishLast, {}},
    {kSouthFirst, kSouthLast, {}},
};

constexpr SV kIndustries[] = {"Brewing",       "Food",      "Hospitality", "Retail",
                              "Manufacturing", "Logistics", "Construction"};
constexpr SV kBadIndustries[] = {"Horeca", "Bouw", "IT", "Zorg", "?", "Diversen"};
constexpr SV kCompanyWords[] = {"Brouwerij De Gouden Leeuw",
                                "Noord",
                                "Zuid",
                                "Atlas",
                                "Delta",
                                "Van den Berg",
                                "Müller & Söhne",
                                "Café Société",
                                "Northwind",
                                "Kowalski",
                                "Zürcher",
                                "Nordic Fish",
                                "Old Mill",
                                "Cervantes",
                                "Øresund",
                                "Bäckerei Groß",
                                "Lefèvre Frères",
                                "Iberia"};
constexpr SV kCompanyForms[] = {"B.V.",       "GmbH", "SARL", "Ltd", "Inc.", "AB",
                                "Sp. z o.o.", "S.L.", "AG",   "NV",  "ApS",  "S.p.A."};
constexpr SV kMailDomains[] = {"mail.example", "post.example", "webmail.example", "inbox.example",
                               "online.example"};
constexpr SV kBadSalutations[] = {"Jonkheer", "Z.E.", "Dhr/Mevr", "Fam.", "??"};
constexpr SV kNotPhones[] = {"n/a", "onbekend", "-", "geen", "zie notitie", "tel?"};
constexpr SV kTags[] = {"customer", "vip", "b2b", "prospect", "event-2023", "webinar"};

}  // namespace

std::span<const Country> Countries() { return kCountries; }
std::span<const int> CountryWeights() { return kCountryWeights; }
std::span<const NamePool> NamePools() { return kPools; }
std::span<const std::string_view> Industries() { return kIndustries; }
std::span<const std::string_view> BadIndustries() { return kBadIndustries; }
std::span<const std::string_view> CompanyWords() { return kCompanyWords; }
std::span<const std::string_view> CompanyForms() { return kCompanyForms; }
std::span<const std::string_view> MailDomains() { return kMailDomains; }
std::span<const std::string_view> BadSalutations() { return kBadSalutations; }
std::span<const std::string_view> NotPhones() { return kNotPhones; }
std::span<const std::string_view> Tags() { return kTags; }

}  // namespace crm::generator
