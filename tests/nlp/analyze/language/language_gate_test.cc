#include "nlp/analyze/language/language_gate.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "nlp/analyze/language/language_identifier.h"
#include "nlp/analyze/language/language_trainer.h"
#include "tests/test_util.h"

namespace wordloom::analyze::language {
namespace {

TEST(LanguageGateTest, SameLanguageComparesPrimarySubtags) {
  EXPECT_TRUE(SameLanguage("en", "en"));
  EXPECT_TRUE(SameLanguage("en-US", "en"));
  EXPECT_TRUE(SameLanguage("EN", "en_GB"));
  EXPECT_TRUE(SameLanguage("", "fr"));
  EXPECT_TRUE(SameLanguage("zh", "zh-TW"));
  EXPECT_FALSE(SameLanguage("en", "fr"));
  EXPECT_FALSE(SameLanguage("en", "eng"));
}

TEST(LanguageGateTest, ExplicitCodeMustBeTheModelsLanguage) {
  EXPECT_TRUE(CheckTextLanguage("sentiment", "en", "en-US", "Bonjour", nullptr).ok());
  absl::Status s = CheckTextLanguage("sentiment", "en", "fr", "Hello", nullptr);
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  const std::string message(s.message());
  EXPECT_EQ(message.find("unsupported language \"fr\""), 0u) << message;
  EXPECT_NE(message.find("sentiment model supports \"en\""), std::string::npos) << message;
  // A model without a language takes everything; no code and no identifier
  // cannot refuse anything.
  EXPECT_TRUE(CheckTextLanguage("sentiment", "", "fr", "Hello", nullptr).ok());
  EXPECT_TRUE(CheckTextLanguage("sentiment", "en", "", "Bonjour tout le monde", nullptr).ok());
}

// Detection refuses only confident foreign text: the identifier is trained
// on the UDHR sample (real data).
TEST(LanguageGateTest, DetectedForeignTextIsRefusedOnlyWhenConfident) {
  std::string eng;
  WL_REQUIRE_DATA(eng, "udhr_multilingual/eng.txt");
  auto examples = ReadUdhr(eng.substr(0, eng.rfind('/')), {});
  ASSERT_TRUE(examples.ok()) << examples.status();
  auto data = TrainLanguageModel(*examples, {});
  ASSERT_TRUE(data.ok()) << data.status();
  auto id = LanguageIdentifier::Create(*std::move(data));
  ASSERT_TRUE(id.ok()) << id.status();

  const std::string french =
      "Le film était vraiment magnifique et les acteurs étaient excellents, je le recommande "
      "à tous mes amis qui aiment le cinéma.";
  absl::Status s = CheckTextLanguage("entities", "en", "", french, id->get());
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_EQ(std::string(s.message()).find("unsupported language \"fr\" (detected"), 0u) << s;
  // The caller's explicit code overrides detection.
  EXPECT_TRUE(CheckTextLanguage("entities", "en", "en", french, id->get()).ok());
  EXPECT_TRUE(CheckTextLanguage("entities", "fr", "", french, id->get()).ok());

  const std::string english =
      "The film was truly wonderful and the actors were excellent; I recommend it to all of my "
      "friends who love the cinema.";
  EXPECT_TRUE(CheckTextLanguage("entities", "en", "", english, id->get()).ok());
  // Too little evidence to refuse: short text, emoji, ill-formed UTF-8 (the
  // analyzer reports that one itself).
  EXPECT_TRUE(CheckTextLanguage("entities", "en", "", "Merci!", id->get()).ok());
  EXPECT_TRUE(CheckTextLanguage("entities", "en", "", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80",
                                id->get()).ok());
  EXPECT_TRUE(CheckTextLanguage("entities", "en", "", "caf\xC3", id->get()).ok());
  // Only a bounded prefix is read: a long French text cut inside a UTF-8
  // sequence at the prefix limit is still recognised.
  std::string long_french;
  while (long_french.size() < 3 * kLanguageGatePrefixBytes) long_french += french + " é ";
  EXPECT_TRUE(absl::IsInvalidArgument(
      CheckTextLanguage("entities", "en", "", long_french, id->get())));
}

}  // namespace
}  // namespace wordloom::analyze::language
