#include "identity/match/phonetic.h"

#include <initializer_list>

namespace crm::identity {
namespace {

// The word in upper case, letters A-Z and spaces only (the rules look for "VAN ", "SAN ").
std::string Letters(std::string_view value) {
  std::string word;
  for (char c : value) {
    if (c >= 'a' && c <= 'z') {
      word += static_cast<char>(c - 'a' + 'A');
    } else if ((c >= 'A' && c <= 'Z') || c == ' ') {
      word += c;
    }
  }
  const size_t first = word.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return word.substr(first, word.find_last_not_of(' ') - first + 1);
}

char SoundexDigit(char c) {
  switch (c) {
    case 'B':
    case 'F':
    case 'P':
    case 'V':
      return '1';
    case 'C':
    case 'G':
    case 'J':
    case 'K':
    case 'Q':
    case 'S':
    case 'X':
    case 'Z':
      return '2';
    case 'D':
    case 'T':
      return '3';
    case 'L':
      return '4';
    case 'M':
    case 'N':
      return '5';
    case 'R':
      return '6';
    default:
      return '0';  // vowels, H, W, Y: no digit
  }
}

// One pass of Double Metaphone over a word: its cursor and the helpers its rules are written in.
class Metaphone {
 public:
  explicit Metaphone(std::string word) : w_(std::move(word)), last_(Len() - 1) {
    slavo_germanic_ = w_.find('W') != std::string::npos || w_.find('K') != std::string::npos ||
                      w_.find("CZ") != std::string::npos || w_.find("WITZ") != std::string::npos;
  }

  std::string Run();

 private:
  long Len() const { return static_cast<long>(w_.size()); }
  char At(long i) const { return i >= 0 && i < Len() ? w_[static_cast<size_t>(i)] : '\0'; }
  bool Vowel(long i) const {
    const char c = At(i);
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
  }
  bool Is(long at, std::initializer_list<std::string_view> options) const {
    if (at < 0) return false;
    for (std::string_view o : options) {
      if (at + static_cast<long>(o.size()) <= Len() &&
          std::string_view(w_).substr(static_cast<size_t>(at), o.size()) == o) {
        return true;
      }
    }
    return false;
  }
  bool Germanic() const { return Is(0, {"VAN ", "VON ", "SCH"}); }
  void Add(std::string_view code) { code_ += code; }
  // Adds `code` and skips `n` letters, or 2 when the next letter doubles this one.
  void Simple(std::string_view code, char doubled = '\0') {
    Add(code);
    at_ += At(at_ + 1) == (doubled ? doubled : At(at_)) ? 2 : 1;
  }

  void C();
  void D();
  void G();
  void J();
  void L();
  void S();
  void T();
  void W();

  std::string w_;
  long last_;
  long at_ = 0;
  bool slavo_germanic_ = false;
  std::string code_;
};

void Metaphone::C() {
  const long c = at_;
  if (c > 1 && !Vowel(c - 2) && Is(c - 1, {"ACH"}) && At(c + 2) != 'I' &&
      (At(c + 2) != 'E' || Is(c - 2, {"BACHER", "MACHER"}))) {
    Add("K"), at_ += 2;
  } else if (c == 0 && Is(c, {"CAESAR"})) {
    Add("S"), at_ += 2;
  } else if (Is(c, {"CHIA"})) {
    Add("K"), at_ += 2;
  } else if (Is(c, {"CH"})) {
    if (c > 0 && Is(c, {"CHAE"})) {
      Add("K");
    } else if (c == 0 && (Is(c + 1, {"HARAC", "HARIS", "HOR", "HYM", "HIA", "HEM"})) &&
               !Is(0, {"CHORE"})) {
      Add("K");
    } else if (Germanic() || Is(c - 2, {"ORCHES", "ARCHIT", "ORCHID"}) || Is(c + 2, {"T", "S"}) ||
               ((Is(c - 1, {"A", "O", "U", "E"}) || c == 0) &&
                (Is(c + 2, {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "}) || c + 2 > last_))) {
      Add("K");
    } else {
      Add(c > 0 && Is(0, {"MC"}) ? "K" : "X");
    }
    at_ += 2;
  } else if (Is(c, {"CZ"}) && !Is(c - 2, {"WICZ"})) {
    Add("S"), at_ += 2;
  } else if (Is(c + 1, {"CIA"})) {
    Add("X"), at_ += 3;
  } else if (Is(c, {"CC"}) && !(c == 1 && At(0) == 'M')) {
    if (Is(c + 2, {"I", "E", "H"}) && !Is(c + 2, {"HU"})) {
      Add((c == 1 && At(0) == 'A') || Is(c - 1, {"UCCEE", "UCCES"}) ? "KS" : "X");
      at_ += 3;
    } else {
      Add("K"), at_ += 2;
    }
  } else if (Is(c, {"CK", "CG", "CQ"})) {
    Add("K"), at_ += 2;
  } else if (Is(c, {"CI", "CE", "CY"})) {
    Add("S"), at_ += 2;
  } else {
    Add("K");
    if (Is(c + 1, {" C", " Q", " G"})) {
      at_ += 3;
    } else {
      at_ += Is(c + 1, {"C", "K", "Q"}) && !Is(c + 1, {"CE", "CI"}) ? 2 : 1;
    }
  }
}

void Metaphone::D() {
  if (Is(at_, {"DG"})) {
    if (Is(at_ + 2, {"I", "E", "Y"})) {
      Add("J"), at_ += 3;
    } else {
      Add("TK"), at_ += 2;
    }
  } else if (Is(at_, {"DT", "DD"})) {
    Add("T"), at_ += 2;
  } else {
    Add("T"), at_ += 1;
  }
}

void Metaphone::G() {
  const long c = at_;
  if (At(c + 1) == 'H') {
    if (c > 0 && !Vowel(c - 1)) {
      Add("K");
    } else if (c == 0) {
      Add(At(c + 2) == 'I' ? "J" : "K");
    } else if ((c > 1 && Is(c - 2, {"B", "H", "D"})) || (c > 2 && Is(c - 3, {"B", "H", "D"})) ||
               (c > 3 && Is(c - 4, {"B", "H"}))) {
      // silent: "hugh", "bough"
    } else if (c > 2 && At(c - 1) == 'U' && Is(c - 3, {"C", "G", "L", "R", "T"})) {
      Add("F");  // "laugh", "tough"
    } else if (c > 0 && At(c - 1) != 'I') {
      Add("K");
    }
    at_ += 2;
  } else if (At(c + 1) == 'N') {
    if (c == 1 && Vowel(0) && !slavo_germanic_) {
      Add("KN");
    } else if (!Is(c + 2, {"EY"}) && At(c + 1) != 'Y' && !slavo_germanic_) {
      Add("N");
    } else {
      Add("KN");
    }
    at_ += 2;
  } else if (Is(c + 1, {"LI"}) && !slavo_germanic_) {
    Add("KL"), at_ += 2;
  } else if (c == 0 && (At(c + 1) == 'Y' || Is(c + 1, {"ES", "EP", "EB", "EL", "EY", "IB", "IL",
                                                       "IN", "IE", "EI", "ER"}))) {
    Add("K"), at_ += 2;
  } else if ((Is(c + 1, {"ER"}) || At(c + 1) == 'Y') && !Is(0, {"DANGER", "RANGER", "MANGER"}) &&
             !Is(c - 1, {"E", "I"}) && !Is(c - 1, {"RGY", "OGY"})) {
    Add("K"), at_ += 2;
  } else if (Is(c + 1, {"E", "I", "Y"}) || Is(c - 1, {"AGGI", "OGGI"})) {
    Add(Germanic() || Is(c + 1, {"ET"}) ? "K" : "J");
    at_ += 2;
  } else {
    Simple("K", 'G');
  }
}

void Metaphone::J() {
  const long c = at_;
  if (Is(c, {"JOSE"}) || Is(0, {"SAN "})) {
    Add((c == 0 && At(c + 4) == ' ') || Is(0, {"SAN "}) ? "H" : "J");
    at_ += 1;
    return;
  }
  if (c == 0) {
    Add("J");
  } else if (Vowel(c - 1) && !slavo_germanic_ && (At(c + 1) == 'A' || At(c + 1) == 'O')) {
    Add("J");
  } else if (c == last_) {
    Add("J");
  } else if (!Is(c + 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) && !Is(c - 1, {"S", "K", "L"})) {
    Add("J");
  }
  at_ += At(c + 1) == 'J' ? 2 : 1;
}

void Metaphone::L() {
  const long c = at_;
  if (At(c + 1) == 'L') {
    const bool spanish =
        (c == Len() - 3 && Is(c - 1, {"ILLO", "ILLA", "ALLE"})) ||
        ((Is(last_ - 1, {"AS", "OS"}) || Is(last_, {"A", "O"})) && Is(c - 1, {"ALLE"}));
    if (!spanish) Add("L");
    at_ += 2;
  } else {
    Add("L"), at_ += 1;
  }
}

void Metaphone::S() {
  const long c = at_;
  if (Is(c - 1, {"ISL", "YSL"})) {
    at_ += 1;  // silent: "island", "carlysle"
  } else if (c == 0 && Is(c, {"SUGAR"})) {
    Add("X"), at_ += 1;
  } else if (Is(c, {"SH"})) {
    Add(Is(c + 1, {"HEIM", "HOEK", "HOLM", "HOLZ"}) ? "S" : "X");
    at_ += 2;
  } else if (Is(c, {"SIO", "SIA"})) {
    Add("S"), at_ += 3;
  } else if ((c == 0 && Is(c + 1, {"M", "N", "L", "W"})) || Is(c + 1, {"Z"})) {
    Add("S");
    at_ += Is(c + 1, {"Z"}) ? 2 : 1;
  } else if (Is(c, {"SC"})) {
    if (At(c + 2) == 'H') {
      if (Is(c + 3, {"OO", "ER", "EN", "UY", "ED", "EM"})) {
        Add(Is(c + 3, {"ER", "EN"}) ? "X" : "SK");
      } else {
        Add("X");
      }
    } else {
      Add(Is(c + 2, {"I", "E", "Y"}) ? "S" : "SK");
    }
    at_ += 3;
  } else {
    if (!(c == last_ && Is(c - 2, {"AI", "OI"}))) Add("S");
    at_ += Is(c + 1, {"S", "Z"}) ? 2 : 1;
  }
}

void Metaphone::T() {
  const long c = at_;
  if (Is(c, {"TION", "TIA", "TCH"})) {
    Add("X"), at_ += 3;
  } else if (Is(c, {"TH", "TTH"})) {
    Add(Is(c + 2, {"OM", "AM"}) || Germanic() ? "T" : "0");
    at_ += 2;
  } else {
    Add("T");
    at_ += Is(c + 1, {"T", "D"}) ? 2 : 1;
  }
}

void Metaphone::W() {
  const long c = at_;
  if (Is(c, {"WR"})) {
    Add("R"), at_ += 2;
    return;
  }
  if (c == 0 && (Vowel(c + 1) || Is(c, {"WH"}))) Add("A");
  if (Is(c, {"WICZ", "WITZ"})) {
    Add("TS"), at_ += 4;
  } else {
    at_ += 1;  // silent in the primary code ("jankowski", "arnow")
  }
}

std::string Metaphone::Run() {
  if (w_.empty()) return "";
  if (Is(0, {"GN", "KN", "PN", "WR", "PS"})) at_ = 1;
  if (At(0) == 'X') Add("S"), at_ = 1;
  while (code_.size() < 4 && at_ < Len()) {
    switch (At(at_)) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        if (at_ == 0) Add("A");
        at_ += 1;
        break;
      case 'B':
        Simple("P", 'B');
        break;
      case 'C':
        C();
        break;
      case 'D':
        D();
        break;
      case 'F':
        Simple("F");
        break;
      case 'G':
        G();
        break;
      case 'H':
        if ((at_ == 0 || Vowel(at_ - 1)) && Vowel(at_ + 1)) {
          Add("H"), at_ += 2;
        } else {
          at_ += 1;
        }
        break;
      case 'J':
        J();
        break;
      case 'K':
        Simple("K");
        break;
      case 'L':
        L();
        break;
      case 'M':
        Add("M");
        at_ += (Is(at_ - 1, {"UMB"}) && (at_ + 1 == last_ || Is(at_ + 2, {"ER"}))) ||
                       At(at_ + 1) == 'M'
                   ? 2
                   : 1;
        break;
      case 'N':
        Simple("N");
        break;
      case 'P':
        if (At(at_ + 1) == 'H') {
          Add("F"), at_ += 2;
        } else {
          Add("P");
          at_ += Is(at_ + 1, {"P", "B"}) ? 2 : 1;
        }
        break;
      case 'Q':
        Simple("K", 'Q');
        break;
      case 'R':
        if (!(at_ == last_ && !slavo_germanic_ && Is(at_ - 2, {"IE"}) &&
              !Is(at_ - 4, {"ME", "MA"}))) {
          Add("R");
        }
        at_ += At(at_ + 1) == 'R' ? 2 : 1;
        break;
      case 'S':
        S();
        break;
      case 'T':
        T();
        break;
      case 'V':
        Simple("F", 'V');
        break;
      case 'W':
        W();
        break;
      case 'X':
        if (!(at_ == last_ && (Is(at_ - 3, {"IAU", "EAU"}) || Is(at_ - 2, {"AU", "OU"})))) {
          Add("KS");
        }
        at_ += Is(at_ + 1, {"C", "X"}) ? 2 : 1;
        break;
      case 'Z':
        if (At(at_ + 1) == 'H') {
          Add("J"), at_ += 2;
        } else {
          Add("S");
          at_ += At(at_ + 1) == 'Z' ? 2 : 1;
        }
        break;
      default:
        at_ += 1;
    }
  }
  return code_.substr(0, 4);
}

}  // namespace

std::string Soundex(std::string_view value) {
  const std::string word = Letters(value);
  std::string code;
  char previous = '\0';
  for (char c : word) {
    if (c == ' ') continue;
    const char digit = SoundexDigit(c);
    if (code.empty()) {
      code += c;
    } else if (digit != '0' && digit != previous) {
      code += digit;
      if (code.size() == 4) break;
    }
    // H and W do not separate two letters with the same digit; vowels do.
    if (c != 'H' && c != 'W') previous = digit;
  }
  if (code.empty()) return code;
  code.resize(4, '0');
  return code;
}

std::string DoubleMetaphone(std::string_view value) { return Metaphone(Letters(value)).Run(); }

}  // namespace crm::identity
