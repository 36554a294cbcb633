// Tests for FindSpecialSpans: URLs and e-mail addresses in raw text.
#include "nlp/text/special_spans.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"

namespace wordloom::nlp {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

std::vector<std::pair<std::string, std::string>> Find(std::string_view text) {
  std::vector<SpecialSpan> spans;
  FindSpecialSpans(text, &spans);
  std::vector<std::pair<std::string, std::string>> out;
  uint64_t previous_end = 0;
  for (const SpecialSpan& s : spans) {
    EXPECT_GE(s.span.begin, previous_end);
    EXPECT_LT(s.span.begin, s.span.end);
    EXPECT_LE(s.span.end, text.size());
    previous_end = s.span.end;
    out.emplace_back(text.substr(s.span.begin, s.span.end - s.span.begin),
                     s.kind == TokenClass::kUrl ? "url" : "email");
  }
  return out;
}

TEST(SpecialSpansTest, Urls) {
  EXPECT_THAT(Find("go to http://example.com now"), ElementsAre(Pair("http://example.com", "url")));
  EXPECT_THAT(Find("(https://en.wikipedia.org/wiki/Foo_(bar)), ok"),
              ElementsAre(Pair("https://en.wikipedia.org/wiki/Foo_(bar)", "url")));
  EXPECT_THAT(Find("see https://a.org/x?y=1&z=2."), ElementsAre(Pair("https://a.org/x?y=1&z=2", "url")));
  EXPECT_THAT(Find("<ftp://files.example.net/pub>"),
              ElementsAre(Pair("ftp://files.example.net/pub", "url")));
  EXPECT_THAT(Find("\"www.example.co.uk/page\""), ElementsAre(Pair("www.example.co.uk/page", "url")));
  EXPECT_THAT(Find("HTTPS://EXAMPLE.COM/"), ElementsAre(Pair("HTTPS://EXAMPLE.COM/", "url")));
  EXPECT_THAT(Find("a http://x.y b https://z.w"),
              ElementsAre(Pair("http://x.y", "url"), Pair("https://z.w", "url")));
}

TEST(SpecialSpansTest, NotUrls) {
  EXPECT_THAT(Find("http:// nothing"), IsEmpty());
  EXPECT_THAT(Find("ratio 3:4 and a:b"), IsEmpty());
  EXPECT_THAT(Find("xhttp://example.com"), IsEmpty());
  EXPECT_THAT(Find("www. or www"), IsEmpty());
  EXPECT_THAT(Find(""), IsEmpty());
}

TEST(SpecialSpansTest, Emails) {
  EXPECT_THAT(Find("mail john.doe+tag@mail.example.org."),
              ElementsAre(Pair("john.doe+tag@mail.example.org", "email")));
  EXPECT_THAT(Find("<a_b@c-d.io>, x@y.de"),
              ElementsAre(Pair("a_b@c-d.io", "email"), Pair("x@y.de", "email")));
}

TEST(SpecialSpansTest, NotEmails) {
  EXPECT_THAT(Find("a@b"), IsEmpty());
  EXPECT_THAT(Find("user@example.c"), IsEmpty());
  EXPECT_THAT(Find("@handle and foo@ and @ alone"), IsEmpty());
  EXPECT_THAT(Find("user@123.456"), IsEmpty());
}

TEST(SpecialSpansTest, NonAsciiAround) {
  EXPECT_THAT(Find("café: https://例.example.com/路径 ok"),
              ElementsAre(Pair("https://例.example.com/路径", "url")));
  EXPECT_THAT(Find("écrivez à jean@exemple.fr»"), ElementsAre(Pair("jean@exemple.fr", "email")));
}

}  // namespace
}  // namespace wordloom::nlp
