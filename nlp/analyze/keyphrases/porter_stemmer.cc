#include "nlp/analyze/keyphrases/porter_stemmer.h"

#include <cstddef>
#include <utility>

namespace wordloom::nlp {
namespace {

// The reference implementation's state: the word in b[0..k], j a cut point.
class Stemmer {
 public:
  explicit Stemmer(std::string word) : b_(std::move(word)), k_(static_cast<int>(b_.size()) - 1) {}

  std::string Run() {
    if (k_ <= 1) return b_;
    Step1ab();
    if (k_ > 0) {
      Step1c();
      Step2();
      Step3();
      Step4();
      Step5();
    }
    return b_.substr(0, k_ + 1);
  }

 private:
  bool Cons(int i) const {
    switch (b_[i]) {
      case 'a': case 'e': case 'i': case 'o': case 'u': return false;
      case 'y': return i == 0 ? true : !Cons(i - 1);
      default: return true;
    }
  }
  // The number of VC sequences in b[0..j].
  int M() const {
    int n = 0, i = 0;
    while (true) {
      if (i > j_) return n;
      if (!Cons(i)) break;
      ++i;
    }
    ++i;
    while (true) {
      while (true) {
        if (i > j_) return n;
        if (Cons(i)) break;
        ++i;
      }
      ++i;
      ++n;
      while (true) {
        if (i > j_) return n;
        if (!Cons(i)) break;
        ++i;
      }
      ++i;
    }
  }
  bool VowelInStem() const {
    for (int i = 0; i <= j_; ++i) {
      if (!Cons(i)) return true;
    }
    return false;
  }
  bool DoubleC(int j) const { return j >= 1 && b_[j] == b_[j - 1] && Cons(j); }
  bool Cvc(int i) const {
    if (i < 2 || !Cons(i) || Cons(i - 1) || !Cons(i - 2)) return false;
    const char ch = b_[i];
    return !(ch == 'w' || ch == 'x' || ch == 'y');
  }
  bool Ends(std::string_view s) {
    const int len = static_cast<int>(s.size());
    if (len > k_ + 1) return false;
    if (std::string_view(b_).substr(k_ - len + 1, len) != s) return false;
    j_ = k_ - len;
    return true;
  }
  void SetTo(std::string_view s) {
    b_.replace(j_ + 1, k_ - j_, s);
    k_ = j_ + static_cast<int>(s.size());
    b_.resize(k_ + 1);
  }
  void R(std::string_view s) {
    if (M() > 0) SetTo(s);
  }

  void Step1ab() {
    if (b_[k_] == 's') {
      if (Ends("sses")) k_ -= 2;
      else if (Ends("ies")) SetTo("i");
      else if (b_[k_ - 1] != 's') --k_;
      b_.resize(k_ + 1);
    }
    if (Ends("eed")) {
      if (M() > 0) --k_;
      b_.resize(k_ + 1);
    } else if ((Ends("ed") || Ends("ing")) && VowelInStem()) {
      k_ = j_;
      b_.resize(k_ + 1);
      if (Ends("at")) SetTo("ate");
      else if (Ends("bl")) SetTo("ble");
      else if (Ends("iz")) SetTo("ize");
      else if (DoubleC(k_)) {
        --k_;
        const char ch = b_[k_];
        if (ch == 'l' || ch == 's' || ch == 'z') ++k_;
        b_.resize(k_ + 1);
      } else if (M() == 1 && Cvc(k_)) {  // j_ == k_ here: measures the stem
        SetTo("e");
      }
    }
  }
  void Step1c() {
    if (Ends("y") && VowelInStem()) b_[k_] = 'i';
  }
  void Step2() {
    static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
        {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
        {"izer", "ize"},    {"bli", "ble"},     {"alli", "al"},   {"entli", "ent"},
        {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
        {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
        {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"}, {"biliti", "ble"},
        {"logi", "log"}};
    ApplyFirst(kRules);
  }
  void Step3() {
    static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
        {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
        {"ical", "ic"},  {"ful", ""},   {"ness", ""}};
    ApplyFirst(kRules);
  }
  template <size_t N>
  void ApplyFirst(const std::pair<std::string_view, std::string_view> (&rules)[N]) {
    for (const auto& [suffix, replacement] : rules) {
      if (Ends(suffix)) {
        R(replacement);
        return;
      }
    }
  }
  void Step4() {
    static constexpr std::string_view kSuffixes[] = {
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment",
        "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"};
    for (std::string_view s : kSuffixes) {
      if (!Ends(s)) continue;
      if (s == "ion" && !(j_ >= 0 && (b_[j_] == 's' || b_[j_] == 't'))) return;
      if (M() > 1) {
        k_ = j_;
        b_.resize(k_ + 1);
      }
      return;
    }
  }
  void Step5() {
    j_ = k_;
    if (b_[k_] == 'e') {
      const int a = M();
      if (a > 1 || (a == 1 && !Cvc(k_ - 1))) {
        --k_;
        b_.resize(k_ + 1);
      }
    }
    // As in the reference, j_ still ends at the word before the 'e' step.
    if (b_[k_] == 'l' && DoubleC(k_) && M() > 1) {
      --k_;
      b_.resize(k_ + 1);
    }
  }

  std::string b_;
  int k_;
  int j_ = 0;
};

}  // namespace

std::string PorterStem(std::string_view word) {
  for (char c : word) {
    if (c < 'a' || c > 'z') return std::string(word);
  }
  return Stemmer(std::string(word)).Run();
}

}  // namespace wordloom::nlp
