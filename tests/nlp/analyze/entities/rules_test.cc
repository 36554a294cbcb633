// Rule-based DATE and QUANTITY spans.
#include "nlp/analyze/entities/rules.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlp/analyze/entities/tokens.h"

namespace wordloom::analyze::entities {
namespace {

// "type:text" of every match in `text`.
std::vector<std::string> Find(const std::string& text) {
  auto tokenizer = nlp::Tokenizer::Create(TaggingTokenizerOptions());
  EXPECT_TRUE(tokenizer.ok());
  nlp::TokenizedDoc doc;
  TokenView view;
  EXPECT_TRUE(TokenizeForTagging(**tokenizer, text, &doc, &view).ok());
  std::vector<RuleMatch> matches;
  FindDatesAndQuantities(view, std::vector<uint8_t>(view.size(), 0), &matches);
  std::vector<std::string> out;
  for (const RuleMatch& m : matches) {
    const uint64_t b = doc.tokens[m.first].begin, e = doc.tokens[m.last].end;
    out.push_back(std::string(m.type) + ":" + text.substr(b, e - b));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(RulesTest, Dates) {
  EXPECT_EQ(Find("It fell on Thursday, August 22, 1996 in trading."),
            (V{"DATE:Thursday, August 22, 1996"}));
  EXPECT_EQ(Find("Talks resume 3 March 1997 and end 1996-08-22 ."),
            (V{"DATE:3 March 1997", "DATE:1996-08-22"}));
  EXPECT_EQ(Find("Profit rose in 1995 and yesterday"), (V{"DATE:1995", "DATE:yesterday"}));
  EXPECT_EQ(Find("Sales in December were flat"), (V{"DATE:December"}));
  // Ambiguous month words need a day or year; "may" lower-case never matches.
  EXPECT_EQ(Find("They may march in May or in March"), V{});
  EXPECT_EQ(Find("due May 5"), (V{"DATE:May 5"}));
  EXPECT_EQ(Find("on 12/31/1999 ."), (V{"DATE:12/31/1999"}));
}

TEST(RulesTest, Quantities) {
  EXPECT_EQ(Find("exports rose 5.5 percent to $12 million"),
            (V{"QUANTITY:5.5 percent", "QUANTITY:$12 million"}));
  EXPECT_EQ(Find("a 10 % stake and 1,200 tonnes"), (V{"QUANTITY:10 %", "QUANTITY:1,200 tonnes"}));
  EXPECT_EQ(Find("three people and 2.5 billion"), (V{"QUANTITY:three people", "QUANTITY:2.5 billion"}));
  // A bare number is not a quantity.
  EXPECT_EQ(Find("He scored 42 in the final"), V{});
}

TEST(RulesTest, TakenTokensAreSkipped) {
  auto tokenizer = nlp::Tokenizer::Create(TaggingTokenizerOptions());
  ASSERT_TRUE(tokenizer.ok());
  nlp::TokenizedDoc doc;
  TokenView view;
  ASSERT_TRUE(TokenizeForTagging(**tokenizer, "August 1996 and 5 percent", &doc, &view).ok());
  std::vector<uint8_t> taken(view.size(), 1);
  std::vector<RuleMatch> matches;
  FindDatesAndQuantities(view, taken, &matches);
  EXPECT_TRUE(matches.empty());
}

}  // namespace
}  // namespace wordloom::analyze::entities
