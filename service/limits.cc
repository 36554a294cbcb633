#include "service/limits.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "core/strings.h"
#include "nlp/text/utf8.h"

namespace wordloom::service {
namespace {

absl::Status WithComprehendType(absl::Status status, absl::string_view type) {
  status.SetPayload(kComprehendErrorPayload, absl::Cord(type));
  return status;
}

}  // namespace

std::string ComprehendErrorType(const absl::Status& status) {
  auto type = status.GetPayload(kComprehendErrorPayload);
  return type.has_value() ? std::string(*type) : std::string();
}

absl::Status CheckText(std::string_view field, std::string_view text, size_t max_bytes) {
  if (text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(field), " is empty: send 1 to ",
                                                   max_bytes, " bytes of UTF-8 text"));
  }
  if (text.size() > max_bytes) {
    return WithComprehendType(
        absl::InvalidArgumentError(absl::StrCat(ToAbsl(field), " is ", text.size(),
                                                " bytes; the limit is ", max_bytes,
                                                " bytes of UTF-8")),
        "TextSizeLimitExceededException");
  }
  absl::Status utf8 = nlp::ValidateUtf8(text);
  if (!utf8.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(field), ": ", utf8.message()));
  }
  return absl::OkStatus();
}

absl::Status CheckBatchSize(const google::protobuf::RepeatedPtrField<std::string>& texts) {
  if (texts.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("text_list is empty: send 1 to ",
                                                   kMaxBatchDocuments, " documents"));
  }
  if (texts.size() > kMaxBatchDocuments) {
    return WithComprehendType(
        absl::InvalidArgumentError(absl::StrCat("text_list has ", texts.size(),
                                                " documents; the limit is ", kMaxBatchDocuments)),
        "BatchSizeLimitExceededException");
  }
  return absl::OkStatus();
}

absl::Status CheckLanguageCode(std::string_view code) {
  if (code.empty()) return absl::OkStatus();
  // language (2-3 letters), then optional subtags of 2-8 alphanumerics.
  size_t i = 0;
  int part = 0;
  bool ok = code.size() <= 35;
  while (ok && i <= code.size()) {
    size_t end = code.find('-', i);
    if (end == std::string_view::npos) end = code.size();
    std::string_view sub = code.substr(i, end - i);
    const size_t min_len = part == 0 ? 2 : 2, max_len = part == 0 ? 3 : 8;
    ok = sub.size() >= min_len && sub.size() <= max_len;
    for (char c : sub) ok = ok && (part == 0 ? absl::ascii_isalpha(c) : absl::ascii_isalnum(c));
    ++part;
    i = end + 1;
  }
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        "language_code \"", ToAbsl(code), "\" is not a language code such as \"en\" or \"zh-TW\""));
  }
  return absl::OkStatus();
}

absl::Status CheckModelId(std::string_view field, std::string_view id) {
  bool ok = id.size() <= 128 && id != "." && id != "..";
  for (char c : id) ok = ok && (absl::ascii_isalnum(c) || c == '.' || c == '_' || c == '-');
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        ToAbsl(field), " \"", ToAbsl(id.substr(0, 140)),
        "\" is not a model id (1 to 128 characters of A-Z a-z 0-9 . _ -)"));
  }
  return absl::OkStatus();
}

}  // namespace wordloom::service
