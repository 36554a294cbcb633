// Precision and recall of the PII patterns on a generated corpus: template
// sentences with planted PII of every pattern type (valid check digits
// computed here) and distractors that look similar but are not PII.
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nlp/analyze/pii/checksums.h"
#include "nlp/analyze/pii/pii_detector.h"

namespace wordloom::analyze::pii {
namespace {

struct Planted {
  std::string text;
  std::vector<PiiEntity> gold;
};

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  std::string Digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back('0' + Uniform(0, 9));
    return s;
  }
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Uniform(0, v.size() - 1)]; }

  std::string Card() {
    std::string d = Pick(std::vector<std::string>{"4", "51", "37", "6011"});
    d += Digits((d[0] == '3' ? 15 : 16) - 1 - d.size());
    for (char c = '0'; c <= '9'; ++c) {
      if (LuhnValid(d + c)) return Group(d + c, 4);
    }
    return "";
  }
  // 16 digits with a wrong Luhn check digit.
  std::string InvalidCard() {
    const std::string d = "4" + Digits(14);
    for (char c = '0'; c <= '9'; ++c) {
      if (LuhnValid(d + c)) return d + static_cast<char>('0' + (c - '0' + 1) % 10);
    }
    return d + "0";
  }
  std::string Iban() {
    const std::string country = Pick(std::vector<std::string>{"DE", "GB", "FR", "NL"});
    const std::string bban = Digits(18);
    for (int check = 2; check <= 98; ++check) {
      std::string iban = absl::StrCat(country, check < 10 ? "0" : "", check, bban);
      if (IbanValid(iban)) return Uniform(0, 1) ? Group(iban, 4) : iban;
    }
    return "";
  }
  std::string Ssn() {
    return absl::StrCat(Uniform(100, 665), "-", Uniform(10, 99), "-", Uniform(1000, 9999));
  }
  std::string Phone() {
    switch (Uniform(0, 2)) {
      case 0: return absl::StrCat("(", Uniform(200, 999), ") ", Uniform(200, 999), "-", Digits(4));
      case 1: return absl::StrCat(Uniform(200, 999), "-", Uniform(200, 999), "-", Digits(4));
      default: return absl::StrCat("+44 20 ", Digits(4), " ", Digits(4));
    }
  }
  std::string Email() {
    return absl::StrCat(Pick(names_), ".", Pick(names_), Uniform(1, 99), "@",
                        Pick(std::vector<std::string>{"example.com", "mail.co.uk", "uni.edu"}));
  }
  std::string Url() {
    return absl::StrCat("https://", Pick(std::vector<std::string>{"www.", ""}), Pick(names_),
                        ".org/p/", Uniform(1, 999));
  }
  std::string Ip() {
    return absl::StrCat(Uniform(1, 223), ".", Uniform(0, 255), ".", Uniform(0, 255), ".",
                        Uniform(1, 254));
  }
  std::string Date() {
    switch (Uniform(0, 2)) {
      case 0: return absl::StrCat(Uniform(1990, 2030), "-0", Uniform(1, 9), "-1", Uniform(0, 9));
      case 1: return absl::StrCat(Pick(months_), " ", Uniform(1, 28), ", ", Uniform(1950, 2030));
      default: return absl::StrCat(Uniform(1, 12), "/", Uniform(1, 28), "/", Uniform(1950, 2030));
    }
  }
  std::string Distractor() {
    switch (Uniform(0, 4)) {
      case 0: return absl::StrCat("order ", Digits(6), " shipped");
      case 1: return absl::StrCat("a total of $", Uniform(1, 999), ",", Digits(3), ".", Digits(2));
      case 2: return absl::StrCat("card ", InvalidCard(), " was declined as invalid");
      case 3: return absl::StrCat("chapter ", Uniform(1, 40), " on page ", Uniform(1, 900));
      default: return absl::StrCat("version ", Uniform(1, 9), ".", Uniform(0, 9));
    }
  }

  Planted Sentence() {
    Planted p;
    p.text = Pick(openers_);
    const int n = Uniform(1, 3);
    for (int i = 0; i < n; ++i) {
      if (Uniform(0, 3) == 0) {
        absl::StrAppend(&p.text, " ", Distractor(), ",");
        continue;
      }
      const PiiType type = static_cast<PiiType>(Uniform(0, 7));
      std::string value = Value(type);
      absl::StrAppend(&p.text, " ", Pick(lead_ins_), " ");
      p.gold.push_back({type, 1, p.text.size(), p.text.size() + value.size()});
      absl::StrAppend(&p.text, value, i + 1 < n ? "," : ".");
    }
    return p;
  }

 private:
  std::string Value(PiiType type) {
    switch (type) {
      case PiiType::kEmail: return Email();
      case PiiType::kUrl: return Url();
      case PiiType::kIban: return Iban();
      case PiiType::kCreditDebitNumber: return Card();
      case PiiType::kSsn: return Ssn();
      case PiiType::kIpAddress: return Ip();
      case PiiType::kPhone: return Phone();
      default: return Date();
    }
  }
  static std::string Group(const std::string& s, size_t n) {
    std::string out;
    for (size_t i = 0; i < s.size(); i += n) absl::StrAppend(&out, i ? " " : "", s.substr(i, n));
    return out;
  }

  std::mt19937 rng_;
  const std::vector<std::string> names_ = {"anna", "li", "omar", "kate", "ivan", "maria"};
  const std::vector<std::string> months_ = {"January", "March", "Sept", "December", "May"};
  const std::vector<std::string> openers_ = {"Please note:", "Customer record:", "As discussed,",
                                             "Update"};
  const std::vector<std::string> lead_ins_ = {"use", "the value is", "we have", "see"};
};

TEST(PlantedPiiTest, PrecisionAndRecallOnGeneratedCorpus) {
  auto detector = PiiDetector::Create({});
  ASSERT_TRUE(detector.ok());
  Generator gen(20261125);
  size_t gold = 0, found = 0, correct = 0;
  for (int i = 0; i < 3000; ++i) {
    const Planted p = gen.Sentence();
    auto r = (*detector)->Detect(p.text);
    ASSERT_TRUE(r.ok()) << r.status();
    gold += p.gold.size();
    found += r->size();
    for (const PiiEntity& e : *r) {
      bool hit = false;
      for (const PiiEntity& g : p.gold) {
        hit |= g.type == e.type && g.begin == e.begin && g.end == e.end;
      }
      correct += hit;
      if (!hit) ADD_FAILURE() << "spurious " << PiiTypeName(e.type) << " '"
                              << p.text.substr(e.begin, e.end - e.begin) << "' in: " << p.text;
      if (::testing::Test::HasFailure() && i > 50) break;
    }
  }
  const double precision = static_cast<double>(correct) / found;
  const double recall = static_cast<double>(correct) / gold;
  EXPECT_GE(precision, 0.98) << correct << "/" << found;
  EXPECT_GE(recall, 0.98) << correct << "/" << gold;
}

}  // namespace
}  // namespace wordloom::analyze::pii
