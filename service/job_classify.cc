// DOCUMENT_CLASSIFICATION jobs: a registered CLASSIFIER model over every
// input document, written as Comprehend's predictions.jsonl.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/atomic_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "embeddings/classifier/classifier_model.h"
#include "nlohmann/json.hpp"
#include "service/job_input.h"
#include "service/job_tasks_internal.h"

namespace wordloom::service::internal {
namespace {

namespace cls = ::wordloom::embeddings::classifier;
using Json = nlohmann::ordered_json;

constexpr size_t kBatchDocs = 256;

// One predictions.jsonl line for `doc`.
std::string PredictionLine(const cls::ClassifierModel& model, const corpora::Document& doc,
                           const std::vector<cls::Prediction>& predictions,
                           const std::string& input_root) {
  Json line;
  std::string file;
  int64_t number = -1;
  FileAndLine(doc.source, input_root, &file, &number);
  line["File"] = file;
  if (number >= 0) line["Line"] = absl::StrCat(number);
  if (doc.id != doc.source) line["Id"] = doc.id;
  Json labels = Json::array();
  for (const cls::Prediction& p : predictions) {
    labels.push_back({{"Name", model.label(p.label)}, {"Score", p.probability}});
  }
  const bool multi_label = model.data().loss == cls::LossKind::kOneVsAll;
  line[multi_label ? "Labels" : "Classes"] = std::move(labels);
  return line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

absl::Status ValidateClassificationJob(const JobTaskEnv& env, const v1::JobProperties& job) {
  if (!job.parameters().has_document_classification() ||
      job.parameters().document_classification().model_id().empty()) {
    return absl::InvalidArgumentError(
        "parameters.document_classification.model_id is required: the CLASSIFIER model to apply");
  }
  const v1::DocumentClassificationParameters& p = job.parameters().document_classification();
  WL_RETURN_IF_ERROR(CheckRange("top_k", p.top_k(), 0, 1e6));
  WL_RETURN_IF_ERROR(CheckRange("threshold", p.threshold(), 0, 1));
  WL_ASSIGN_OR_RETURN(ModelEntryInfo model, env.registry->Describe(p.model_id()));
  if (model.kind != ModelKind::kClassifier) {
    return absl::InvalidArgumentError(absl::StrCat("model \"", p.model_id(), "\" is a ",
                                                   ToAbsl(ModelKindName(model.kind)),
                                                   " model, not a CLASSIFIER"));
  }
  WL_RETURN_IF_ERROR(JobOutputDir(env, job, /*required=*/true).status());
  return JobInputPath(env, job).status();
}

absl::Status RunClassificationJob(const JobTaskEnv& env, JobContext& context) {
  const v1::JobProperties& job = context.job();
  const v1::DocumentClassificationParameters& p = job.parameters().document_classification();
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const cls::ClassifierModel> model,
                      env.registry->GetAs<cls::ClassifierModel>(p.model_id(),
                                                                ModelKind::kClassifier));
  WL_ASSIGN_OR_RETURN(std::string input, JobInputPath(env, job));
  WL_ASSIGN_OR_RETURN(std::string out, JobOutputDir(env, job, /*required=*/true));
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("cannot create ", out, ": ", ec.message()));
  const std::string predictions = (std::filesystem::path(out) / "predictions.jsonl").string();
  context.AddOutputFile(predictions);
  WL_ASSIGN_OR_RETURN(auto file, AtomicFileWriter::Create(predictions));
  context.BeginPhase("predicting", 0, 0.99, absl::StrCat("classifying the documents of ", input,
                                                         " with model ", p.model_id()));
  WL_ASSIGN_OR_RETURN(auto reader, OpenJobInput(input, job.input_data_config()));
  const int k = p.top_k() > 0 ? p.top_k() : 1;
  std::vector<cls::PredictScratch> scratch(env.threads);
  std::vector<std::string> lines;
  WL_RETURN_IF_ERROR(ForEachDocumentBatch(
      context, *reader, kBatchDocs, [&](std::vector<corpora::Document>& docs) -> absl::Status {
        lines.assign(docs.size(), std::string());
        ParallelFor(docs.size(), env.threads, [&](size_t begin, size_t end, size_t thread) {
          std::vector<cls::Prediction> predictions;
          for (size_t i = begin; i < end; ++i) {
            model->Predict(docs[i].text, k, p.threshold(), &scratch[thread], &predictions);
            lines[i] = PredictionLine(*model, docs[i], predictions, input);
          }
        });
        for (const std::string& line : lines) WL_RETURN_IF_ERROR(file->Append(line));
        return absl::OkStatus();
      }));
  context.BeginPhase("writing", 0.99, 1, absl::StrCat("writing ", out, "/predictions.jsonl"));
  return file->Commit();
}

}  // namespace wordloom::service::internal
