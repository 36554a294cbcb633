#include "service/comprehend_gateway.h"

#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlohmann/json.hpp"
#include "service/comprehend_jobs.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

using Json = nlohmann::ordered_json;
using OpFn = std::function<absl::StatusOr<Json>(const Analytics&, const Json&)>;

// Comprehend's exception for a status without an explicit one.
std::pair<int, std::string_view> ExceptionFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument: return {400, "InvalidRequestException"};
    case absl::StatusCode::kNotFound: return {400, "ResourceNotFoundException"};
    case absl::StatusCode::kFailedPrecondition: return {400, "ResourceUnavailableException"};
    case absl::StatusCode::kAlreadyExists: return {400, "ResourceInUseException"};
    case absl::StatusCode::kResourceExhausted: return {429, "TooManyRequestsException"};
    case absl::StatusCode::kUnimplemented: return {501, "UnsupportedOperationException"};
    case absl::StatusCode::kDeadlineExceeded: return {504, "RequestTimeoutException"};
    case absl::StatusCode::kUnavailable: return {503, "ServiceUnavailableException"};
    default: return {500, "InternalServerException"};
  }
}

absl::Status SerializationError(std::string message) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kComprehendErrorPayload, absl::Cord("SerializationException"));
  return status;
}

// Request field `name` as a string; "" when absent and not `required`.
absl::StatusOr<std::string> StringField(const Json& request, const char* name, bool required) {
  auto it = request.find(name);
  if (it == request.end() || it->is_null()) {
    if (!required) return std::string();
    return absl::InvalidArgumentError(absl::StrCat("1 validation error detected: Value null at '",
                                                   name, "' failed to satisfy constraint: "
                                                   "Member must not be null"));
  }
  if (!it->is_string()) return SerializationError(absl::StrCat(name, " must be a string"));
  return it->get<std::string>();
}

absl::StatusOr<std::vector<std::string>> TextListField(const Json& request) {
  auto it = request.find("TextList");
  if (it == request.end() || !it->is_array()) {
    return absl::InvalidArgumentError("TextList is required: an array of 1 to 25 strings");
  }
  std::vector<std::string> texts;
  for (const Json& text : *it) {
    if (!text.is_string()) return SerializationError("TextList must hold only strings");
    texts.push_back(text.get<std::string>());
  }
  return texts;
}

// The model id at the end of an endpoint ARN ("arn:...:endpoint/NAME"), or
// the value itself when it is not an ARN.
std::string ModelIdFromArn(const std::string& arn) {
  const size_t slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

Json ErrorListEntry(const v1::BatchItemError& e) {
  return Json{{"Index", e.index()}, {"ErrorCode", e.error_code()},
              {"ErrorMessage", e.error_message()}};
}

}  // namespace

CharOffsets::CharOffsets(std::string_view text) : chars_before_(text.size() + 1) {
  int32_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    chars_before_[i] = chars;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  chars_before_[text.size()] = chars;
}

int64_t CharOffsets::ToChars(int64_t byte) const {
  if (byte <= 0) return 0;
  if (byte >= static_cast<int64_t>(chars_before_.size())) return chars_before_.back();
  return chars_before_[byte];
}

namespace {

Json SentimentScoreJson(const v1::SentimentScore& s) {
  return Json{{"Mixed", s.mixed()}, {"Negative", s.negative()}, {"Neutral", s.neutral()},
              {"Positive", s.positive()}};
}

Json LanguagesJson(const google::protobuf::RepeatedPtrField<v1::DominantLanguage>& languages) {
  Json out = Json::array();
  for (const auto& l : languages) out.push_back({{"LanguageCode", l.language_code()}, {"Score", l.score()}});
  return out;
}

Json KeyPhrasesJson(const google::protobuf::RepeatedPtrField<v1::KeyPhrase>& phrases,
                    const CharOffsets& offsets) {
  Json out = Json::array();
  for (const auto& p : phrases) {
    out.push_back({{"Score", p.score()}, {"Text", p.text()},
                   {"BeginOffset", offsets.ToChars(p.begin_offset())},
                   {"EndOffset", offsets.ToChars(p.end_offset())}});
  }
  return out;
}

Json EntitiesJson(const google::protobuf::RepeatedPtrField<v1::Entity>& entities,
                  const CharOffsets& offsets) {
  Json out = Json::array();
  for (const auto& e : entities) {
    out.push_back({{"Score", e.score()}, {"Type", v1::EntityType::Value_Name(e.type())},
                   {"Text", e.text()}, {"BeginOffset", offsets.ToChars(e.begin_offset())},
                   {"EndOffset", offsets.ToChars(e.end_offset())}});
  }
  return out;
}

Json LabelsJson(const google::protobuf::RepeatedPtrField<v1::ClassLabel>& labels) {
  Json out = Json::array();
  for (const auto& l : labels) out.push_back({{"Name", l.name()}, {"Score", l.score()}});
  return out;
}

absl::StatusOr<Json> DetectDominantLanguage(const Analytics& a, const Json& in) {
  v1::DetectDominantLanguageRequest request;
  WL_ASSIGN_OR_RETURN(*request.mutable_text(), StringField(in, "Text", true));
  v1::DetectDominantLanguageResponse response;
  WL_RETURN_IF_ERROR(a.DetectDominantLanguage(request, &response));
  return Json{{"Languages", LanguagesJson(response.languages())}};
}

absl::StatusOr<Json> DetectKeyPhrases(const Analytics& a, const Json& in) {
  v1::DetectKeyPhrasesRequest request;
  WL_ASSIGN_OR_RETURN(*request.mutable_text(), StringField(in, "Text", true));
  WL_ASSIGN_OR_RETURN(*request.mutable_language_code(), StringField(in, "LanguageCode", false));
  v1::DetectKeyPhrasesResponse response;
  WL_RETURN_IF_ERROR(a.DetectKeyPhrases(request, &response));
  return Json{{"KeyPhrases", KeyPhrasesJson(response.key_phrases(), CharOffsets(request.text()))}};
}

absl::StatusOr<Json> DetectSentiment(const Analytics& a, const Json& in) {
  v1::DetectSentimentRequest request;
  WL_ASSIGN_OR_RETURN(*request.mutable_text(), StringField(in, "Text", true));
  WL_ASSIGN_OR_RETURN(*request.mutable_language_code(), StringField(in, "LanguageCode", false));
  v1::DetectSentimentResponse response;
  WL_RETURN_IF_ERROR(a.DetectSentiment(request, &response));
  return Json{{"Sentiment", v1::Sentiment::Value_Name(response.sentiment())},
              {"SentimentScore", SentimentScoreJson(response.sentiment_score())}};
}

absl::StatusOr<Json> DetectEntities(const Analytics& a, const Json& in) {
  v1::DetectEntitiesRequest request;
  WL_ASSIGN_OR_RETURN(*request.mutable_text(), StringField(in, "Text", true));
  WL_ASSIGN_OR_RETURN(*request.mutable_language_code(), StringField(in, "LanguageCode", false));
  WL_ASSIGN_OR_RETURN(std::string arn, StringField(in, "EndpointArn", false));
  request.set_model_id(ModelIdFromArn(arn));
  v1::DetectEntitiesResponse response;
  WL_RETURN_IF_ERROR(a.DetectEntities(request, &response));
  return Json{{"Entities", EntitiesJson(response.entities(), CharOffsets(request.text()))}};
}

absl::StatusOr<Json> DetectPiiEntities(const Analytics& a, const Json& in) {
  v1::DetectPiiEntitiesRequest request;
  WL_ASSIGN_OR_RETURN(*request.mutable_text(), StringField(in, "Text", true));
  WL_ASSIGN_OR_RETURN(*request.mutable_language_code(), StringField(in, "LanguageCode", false));
  v1::DetectPiiEntitiesResponse response;
  WL_RETURN_IF_ERROR(a.DetectPiiEntities(request, &response));
  const CharOffsets offsets(request.text());
  Json entities = Json::array();
  for (const auto& e : response.entities()) {
    entities.push_back({{"Score", e.score()}, {"Type", v1::PiiEntityType::Value_Name(e.type())},
                        {"BeginOffset", offsets.ToChars(e.begin_offset())},
                        {"EndOffset", offsets.ToChars(e.end_offset())}});
  }
  return Json{{"Entities", std::move(entities)}};
}

absl::StatusOr<Json> ClassifyDocument(const Analytics& a, const Json& in) {
  v1::ClassifyTextRequest request;
  WL_ASSIGN_OR_RETURN(*request.mutable_text(), StringField(in, "Text", true));
  WL_ASSIGN_OR_RETURN(std::string arn, StringField(in, "EndpointArn", true));
  request.set_model_id(ModelIdFromArn(arn));
  request.mutable_options()->set_top_k(1000);
  v1::ClassifyTextResponse response;
  WL_RETURN_IF_ERROR(a.ClassifyText(request, &response));
  Json out;
  if (!response.classes().empty()) out["Classes"] = LabelsJson(response.classes());
  if (!response.labels().empty()) out["Labels"] = LabelsJson(response.labels());
  return out;
}

// A Batch* operation: TextList and LanguageCode in, ResultList (each entry
// made by `item`) and ErrorList out.
template <typename Request, typename Response, typename Call, typename Item>
absl::StatusOr<Json> RunBatchOp(const Json& in, bool has_language, Call call, Item item) {
  Request request;
  WL_ASSIGN_OR_RETURN(std::vector<std::string> texts, TextListField(in));
  for (std::string& text : texts) request.add_text_list(std::move(text));
  if constexpr (requires { request.set_language_code(""); }) {
    if (has_language) {
      WL_ASSIGN_OR_RETURN(*request.mutable_language_code(), StringField(in, "LanguageCode", false));
    }
  }
  Response response;
  WL_RETURN_IF_ERROR(call(request, &response));
  Json results = Json::array(), errors = Json::array();
  for (const auto& r : response.result_list()) {
    Json entry = item(r, CharOffsets(request.text_list(r.index())));
    entry["Index"] = r.index();
    results.push_back(std::move(entry));
  }
  for (const auto& e : response.error_list()) errors.push_back(ErrorListEntry(e));
  return Json{{"ResultList", std::move(results)}, {"ErrorList", std::move(errors)}};
}

const std::map<std::string, OpFn, std::less<>>& Operations() {
  static const auto* ops = new std::map<std::string, OpFn, std::less<>>{
      {"DetectDominantLanguage", DetectDominantLanguage},
      {"DetectKeyPhrases", DetectKeyPhrases},
      {"DetectSentiment", DetectSentiment},
      {"DetectEntities", DetectEntities},
      {"DetectPiiEntities", DetectPiiEntities},
      {"ClassifyDocument", ClassifyDocument},
      {"BatchDetectDominantLanguage",
       [](const Analytics& a, const Json& in) {
         return RunBatchOp<v1::BatchDetectDominantLanguageRequest,
                           v1::BatchDetectDominantLanguageResponse>(
             in, false,
             [&](const auto& q, auto* r) { return a.BatchDetectDominantLanguage(q, r, {}); },
             [](const auto& r, const CharOffsets&) {
               return Json{{"Languages", LanguagesJson(r.languages())}};
             });
       }},
      {"BatchDetectKeyPhrases",
       [](const Analytics& a, const Json& in) {
         return RunBatchOp<v1::BatchDetectKeyPhrasesRequest, v1::BatchDetectKeyPhrasesResponse>(
             in, true, [&](const auto& q, auto* r) { return a.BatchDetectKeyPhrases(q, r, {}); },
             [](const auto& r, const CharOffsets& o) {
               return Json{{"KeyPhrases", KeyPhrasesJson(r.key_phrases(), o)}};
             });
       }},
      {"BatchDetectSentiment",
       [](const Analytics& a, const Json& in) {
         return RunBatchOp<v1::BatchDetectSentimentRequest, v1::BatchDetectSentimentResponse>(
             in, true, [&](const auto& q, auto* r) { return a.BatchDetectSentiment(q, r, {}); },
             [](const auto& r, const CharOffsets&) {
               return Json{{"Sentiment", v1::Sentiment::Value_Name(r.sentiment())},
                           {"SentimentScore", SentimentScoreJson(r.sentiment_score())}};
             });
       }},
      {"BatchDetectEntities",
       [](const Analytics& a, const Json& in) {
         return RunBatchOp<v1::BatchDetectEntitiesRequest, v1::BatchDetectEntitiesResponse>(
             in, true, [&](const auto& q, auto* r) { return a.BatchDetectEntities(q, r, {}); },
             [](const auto& r, const CharOffsets& o) {
               return Json{{"Entities", EntitiesJson(r.entities(), o)}};
             });
       }},
  };
  return *ops;
}

}  // namespace

HttpReply ComprehendGateway::ErrorReply(int http_status, std::string_view type,
                                        std::string_view message) {
  HttpReply reply;
  reply.status = http_status;
  reply.body = Json{{"__type", std::string(type)}, {"message", std::string(message)}}.dump(
      -1, ' ', false, Json::error_handler_t::replace);
  return reply;
}

HttpReply ComprehendGateway::ErrorReply(const absl::Status& status) {
  auto [http_status, type] = ExceptionFor(status.code());
  const std::string explicit_type = ComprehendErrorType(status);
  if (!explicit_type.empty()) type = explicit_type;
  return ErrorReply(http_status, type, ToStd(status.message()));
}

HttpReply ComprehendGateway::Handle(std::string_view amz_target, std::string_view body,
                                    std::string* operation, absl::StatusCode* code) const {
  *operation = "unknown";
  *code = absl::StatusCode::kInvalidArgument;
  if (amz_target.substr(0, kComprehendTargetPrefix.size()) != kComprehendTargetPrefix) {
    return ErrorReply(400, "UnknownOperationException",
                      absl::StrCat("X-Amz-Target \"", ToAbsl(amz_target.substr(0, 200)),
                                   "\" is not an operation of Comprehend_20171127"));
  }
  const std::string_view name = amz_target.substr(kComprehendTargetPrefix.size());
  auto op = Operations().find(name);
  const ComprehendJobOp job_op = jobs_ != nullptr ? FindComprehendJobOperation(name) : nullptr;
  if (op == Operations().end() && job_op == nullptr) {
    return ErrorReply(400, "UnknownOperationException",
                      absl::StrCat("operation ", ToAbsl(name.substr(0, 200)),
                                   " is not supported by wordloom"));
  }
  *operation = job_op != nullptr ? std::string(name) : op->first;
  const Json request = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded() || !request.is_object()) {
    return ErrorReply(400, "SerializationException",
                      "the request body is not a JSON object (AWS JSON 1.1)");
  }
  absl::StatusOr<Json> result =
      job_op != nullptr ? job_op(*jobs_, request) : op->second(*analytics_, request);
  *code = result.status().code();
  if (!result.ok()) return ErrorReply(result.status());
  HttpReply reply;
  reply.body = result->dump(-1, ' ', false, Json::error_handler_t::replace);
  return reply;
}

}  // namespace wordloom::service
