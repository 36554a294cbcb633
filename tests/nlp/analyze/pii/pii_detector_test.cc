#include "nlp/analyze/pii/pii_detector.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlp/analyze/pii/redactor.h"

namespace wordloom::analyze::pii {
namespace {

std::vector<std::pair<std::string, std::string>> Found(const PiiDetector& d,
                                                       std::string_view text) {
  auto r = d.Detect(text);
  EXPECT_TRUE(r.ok()) << r.status();
  std::vector<std::pair<std::string, std::string>> out;
  if (!r.ok()) return out;
  for (const PiiEntity& e : *r) {
    out.emplace_back(std::string(PiiTypeName(e.type)),
                     std::string(text.substr(e.begin, e.end - e.begin)));
  }
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(PiiDetectorTest, FindsEachType) {
  auto d = PiiDetector::Create({});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Found(**d, "Mail jane.doe@example.co.uk or see https://example.com/a?b=1."),
            (Pairs{{"EMAIL", "jane.doe@example.co.uk"}, {"URL", "https://example.com/a?b=1"}}));
  EXPECT_EQ(Found(**d, "Card 4111 1111 1111 1111, not 4111 1111 1111 1112."),
            (Pairs{{"CREDIT_DEBIT_NUMBER", "4111 1111 1111 1111"}}));
  EXPECT_EQ(Found(**d, "IBAN GB82 WEST 1234 5698 7654 32 please"),
            (Pairs{{"INTERNATIONAL_BANK_ACCOUNT_NUMBER", "GB82 WEST 1234 5698 7654 32"}}));
  EXPECT_EQ(Found(**d, "SSN 123-45-6789 but not 000-12-3456"), (Pairs{{"SSN", "123-45-6789"}}));
  EXPECT_EQ(Found(**d, "from 192.168.0.1 (not 999.1.1.1)"), (Pairs{{"IP_ADDRESS", "192.168.0.1"}}));
  EXPECT_EQ(Found(**d, "Call (415) 555-0132 or +44 20 7946 0958"),
            (Pairs{{"PHONE", "(415) 555-0132"}, {"PHONE", "+44 20 7946 0958"}}));
  EXPECT_EQ(Found(**d, "Born on March 3, 1990 and seen 2024-01-05"),
            (Pairs{{"DATE_TIME", "March 3, 1990"}, {"DATE_TIME", "2024-01-05"}}));
  EXPECT_EQ(Found(**d, "Ship to 221 Baker Street, London"),
            (Pairs{{"ADDRESS", "221 Baker Street, London"}}));
}

TEST(PiiDetectorTest, BadInput) {
  auto d = PiiDetector::Create({});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE((*d)->Detect("").value().empty());
  EXPECT_TRUE((*d)->Detect("😀😀😀").value().empty());
  EXPECT_EQ((*d)->Detect("bad \xc3 byte").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*d)->Detect(std::string(100001, 'x')).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PiiDetectorTest, EntityProviderAddsNamesAndLosesOverlaps) {
  PiiOptions options;
  options.entities = [](std::string_view text) -> absl::StatusOr<std::vector<PiiEntity>> {
    std::vector<PiiEntity> out;
    const size_t at = text.find("John Smith");
    if (at != std::string_view::npos) out.push_back({PiiType::kName, 0.9, at, at + 10});
    return out;
  };
  auto d = PiiDetector::Create(options);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Found(**d, "John Smith wrote to john@smith.org"),
            (Pairs{{"NAME", "John Smith"}, {"EMAIL", "john@smith.org"}}));
}

TEST(RedactorTest, MaskAndReplace) {
  const std::string text = "Mail jöhn@x.org now";
  std::vector<PiiEntity> e = {{PiiType::kEmail, 1, 5, 16}};
  EXPECT_EQ(Redact(text, e, {}), "Mail ********** now");
  EXPECT_EQ(Redact(text, e, {.mode = RedactOptions::Mode::kReplaceWithType}), "Mail [EMAIL] now");
  EXPECT_EQ(Redact(text, {}, {}), text);
}

}  // namespace
}  // namespace wordloom::analyze::pii
