#include "nlp/analyze/pii/checksums.h"

#include "gtest/gtest.h"

namespace wordloom::analyze::pii {
namespace {

TEST(ChecksumsTest, Luhn) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_TRUE(LuhnValid("79927398713"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  EXPECT_FALSE(LuhnValid("4111a11111111111"));
  EXPECT_FALSE(LuhnValid(""));
  EXPECT_TRUE(CardNumberValid("378282246310005"));   // Amex test number
  EXPECT_TRUE(CardNumberValid("5555555555554444"));  // Mastercard test number
  EXPECT_FALSE(CardNumberValid("9780306406157"));    // an ISBN-13, Luhn-like but no issuer
}

TEST(ChecksumsTest, Iban) {
  EXPECT_TRUE(IbanValid("GB82WEST12345698765432"));
  EXPECT_TRUE(IbanValid("DE89370400440532013000"));
  EXPECT_FALSE(IbanValid("GB82WEST12345698765433"));
  EXPECT_FALSE(IbanValid("GB82"));
  EXPECT_EQ(StripSeparators("DE89 3704 0044-0532"), "DE89370400440532");
}

TEST(ChecksumsTest, Ssn) {
  EXPECT_TRUE(SsnValid("123456789"));
  EXPECT_FALSE(SsnValid("000456789"));
  EXPECT_FALSE(SsnValid("666456789"));
  EXPECT_FALSE(SsnValid("923456789"));
  EXPECT_FALSE(SsnValid("123006789"));
  EXPECT_FALSE(SsnValid("123450000"));
}

}  // namespace
}  // namespace wordloom::analyze::pii
