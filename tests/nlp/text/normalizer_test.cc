// Tests for Normalizer: NFKC, case folding, each option alone, the ASCII
// path, and ill-formed UTF-8 under both policies.
#include "nlp/text/normalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace wordloom::nlp {
namespace {

std::string Norm(const NormalizerOptions& options, std::string_view text) {
  auto normalizer = Normalizer::Create(options);
  EXPECT_TRUE(normalizer.ok()) << normalizer.status();
  if (!normalizer.ok()) return "<error>";
  auto out = (*normalizer)->Normalize(text);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "<error>";
}

const NormalizerOptions kDefault{};
const NormalizerOptions kNfkcOnly{.nfkc = true, .case_fold = false};
const NormalizerOptions kFoldOnly{.nfkc = false, .case_fold = true};
const NormalizerOptions kNone{.nfkc = false, .case_fold = false};

TEST(NormalizerTest, NfkcCompatibilityCharacters) {
  EXPECT_EQ(Norm(kDefault, "\uFB01nd"), "find");            // ﬁ ligature
  EXPECT_EQ(Norm(kDefault, "\u2460\u2461"), "12");           // ①②
  EXPECT_EQ(Norm(kDefault, "x\u00B2"), "x2");                // superscript two
  EXPECT_EQ(Norm(kDefault, "\uFF21\uFF22\uFF23\uFF11\uFF12"), "abc12");  // fullwidth
  EXPECT_EQ(Norm(kNfkcOnly, "\uFF21\uFF22\uFF23\uFF11\uFF12"), "ABC12");
  EXPECT_EQ(Norm(kDefault, "\uFF76\uFF9E"), "\u30AC");       // halfwidth katakana ｶﾞ -> ガ
  EXPECT_EQ(Norm(kDefault, "e\u0301"), "\u00E9");            // composed
}

TEST(NormalizerTest, CaseFolding) {
  EXPECT_EQ(Norm(kDefault, "Stra\u00DFe"), "strasse");
  EXPECT_EQ(Norm(kDefault, "\u041F\u0420\u0415\u0410\u041C\u0411\u0423\u041B\u0410"),
            "\u043F\u0440\u0435\u0430\u043C\u0431\u0443\u043B\u0430");  // ПРЕАМБУЛА
  EXPECT_EQ(Norm(kDefault, "\u039F\u0394\u039F\u03A3"), "\u03BF\u03B4\u03BF\u03C3");  // ΟΔΟΣ
  EXPECT_EQ(Norm(kDefault, "Hello WORLD 123"), "hello world 123");
  EXPECT_EQ(Norm(kFoldOnly, "Stra\u00DFe"), "strasse");
}

TEST(NormalizerTest, OptionsOff) {
  const std::string text = "Stra\u00DFe \u2460 \uFF21 Hello";
  EXPECT_EQ(Norm(kNone, text), text);
  // Case folding alone leaves compatibility characters.
  EXPECT_EQ(Norm(kFoldOnly, text), "strasse \u2460 \uFF41 hello");
  // NFKC alone keeps case.
  EXPECT_EQ(Norm(kNfkcOnly, text), "Stra\u00DFe 1 A Hello");
  EXPECT_EQ(Norm(kNone, "ABC"), "ABC");
}

TEST(NormalizerTest, AsciiPathMatchesIcuPath) {
  // Mixing one non-ASCII character forces the ICU path for the same letters.
  const std::string ascii = "The Quick-Brown_Fox 42 @home.";
  EXPECT_EQ(Norm(kDefault, ascii + "\u00E9"), Norm(kDefault, ascii) + "\u00E9");
  EXPECT_EQ(Norm(kNfkcOnly, ascii + "\u00E9"), Norm(kNfkcOnly, ascii) + "\u00E9");
}

TEST(NormalizerTest, AppendNormalizedAppends) {
  auto normalizer = Normalizer::Create({});
  ASSERT_TRUE(normalizer.ok());
  std::string out = "prefix:";
  (*normalizer)->AppendNormalized("ABC", &out);
  (*normalizer)->AppendNormalized("\u00C9T\u00C9", &out);
  EXPECT_EQ(out, "prefix:abc\u00E9t\u00E9");
}

TEST(NormalizerTest, EmptyInput) { EXPECT_EQ(Norm(kDefault, ""), ""); }

TEST(NormalizerTest, InvalidUtf8ErrorNamesByte) {
  auto normalizer = Normalizer::Create({});
  ASSERT_TRUE(normalizer.ok());
  auto out = (*normalizer)->Normalize("abc\xFF" "def");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(out.status().message().find("byte 3"), absl::string_view::npos) << out.status();
}

TEST(NormalizerTest, InvalidUtf8Replaced) {
  NormalizerOptions options;
  options.invalid_utf8 = InvalidUtf8Policy::kReplace;
  EXPECT_EQ(Norm(options, "AB\xFF" "C"), "ab\uFFFDc");
  EXPECT_EQ(Norm(options, "\xC3"), "\uFFFD");  // truncated sequence
}

}  // namespace
}  // namespace wordloom::nlp
