// TRAIN_CLASSIFIER and TRAIN_VECTORS jobs: the trainers `wordloom
// train-classifier` and `wordloom train-vectors` run, writing the model into
// the server's model directory and registering it.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "embeddings/classifier/labeled_data.h"
#include "embeddings/classifier/model_io.h"
#include "embeddings/classifier/trainer.h"
#include "embeddings/word2vec/model_io.h"
#include "embeddings/word2vec/trainer.h"
#include "service/job_input.h"
#include "service/job_tasks_internal.h"
#include "service/log.h"

namespace wordloom::service::internal {
namespace {

namespace cls = ::wordloom::embeddings::classifier;
namespace w2v = ::wordloom::embeddings::word2vec;
namespace fs = std::filesystem;

constexpr size_t kBatchDocs = 512;

absl::StatusOr<cls::TrainerOptions> ClassifierOptions(const JobTaskEnv& env,
                                                      const v1::ClassifierTrainingParameters& p) {
  WL_RETURN_IF_ERROR(CheckRange("epochs", p.epochs(), 0, 10000));
  WL_RETURN_IF_ERROR(CheckRange("learning_rate", p.learning_rate(), 0, 100));
  WL_RETURN_IF_ERROR(CheckRange("dim", p.dim(), 0, 10000));
  WL_RETURN_IF_ERROR(CheckRange("word_ngrams", p.word_ngrams(), 0, 10));
  WL_RETURN_IF_ERROR(CheckRange("min_count", p.min_count(), 0, 1e9));
  cls::TrainerOptions o;
  if (p.epochs() > 0) o.epochs = p.epochs();
  if (p.learning_rate() > 0) o.lr = p.learning_rate();
  if (p.dim() > 0) o.dim = p.dim();
  if (p.word_ngrams() > 0) o.word_ngrams = p.word_ngrams();
  if (p.min_count() > 0) o.min_count = p.min_count();
  static constexpr cls::LossKind kLoss[] = {cls::LossKind::kSoftmax, cls::LossKind::kSoftmax,
                                            cls::LossKind::kHierarchicalSoftmax,
                                            cls::LossKind::kNegativeSampling,
                                            cls::LossKind::kOneVsAll};
  if (!v1::Loss::Value_IsValid(p.loss())) return absl::InvalidArgumentError("loss is not a Loss value");
  o.loss = kLoss[p.loss()];
  o.threads = env.threads;
  return o;
}

absl::StatusOr<cls::LabeledDataOptions> LabeledOptions(const v1::InputDataConfig& config) {
  cls::LabeledDataOptions options;
  if (!config.format().empty()) {
    absl::StatusOr<cls::InputFormat> format = cls::ParseInputFormat(config.format());
    if (!format.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "input_data_config.format \"", config.format(),
          "\": a labeled file is fasttext, csv, tsv or comprehend"));
    }
    options.format = *format;
  }
  return options;
}

absl::StatusOr<w2v::TrainOptions> VectorsOptions(const JobTaskEnv& env,
                                                 const v1::VectorsTrainingParameters& p) {
  w2v::TrainOptions o;
  o.mode = p.mode() == v1::VectorsMode::CBOW ? w2v::Mode::kCbow : w2v::Mode::kSkipgram;
  if (p.vector_dim() != 0) o.vector_dim = p.vector_dim();
  if (p.window_size() != 0) o.window_size = p.window_size();
  if (p.negative_samples() != 0) o.negative_samples = p.negative_samples();
  if (p.min_count() != 0) o.min_count = p.min_count();
  if (p.epochs() != 0) o.epochs = p.epochs();
  if (p.learning_rate() != 0) o.learning_rate = p.learning_rate();
  o.subwords = p.subwords();
  if (p.min_char() != 0) o.min_char = p.min_char();
  if (p.max_char() != 0) o.max_char = p.max_char();
  o.threads = static_cast<int32_t>(env.threads);
  o.quiet = true;
  WL_RETURN_IF_ERROR(w2v::ValidateOptions(o));
  return o;
}

std::string ModelPath(const JobTaskEnv& env, const std::string& model_id) {
  return (fs::path(env.models_dir) / (model_id + ".wlm")).string();
}

absl::Status MakeDir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return absl::InvalidArgumentError(absl::StrCat("cannot create ", dir, ": ", ec.message()));
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateTrainClassifierJob(const JobTaskEnv& env, const v1::JobProperties& job) {
  const v1::ClassifierTrainingParameters& p = job.parameters().classifier_training();
  WL_RETURN_IF_ERROR(ClassifierOptions(env, p).status());
  WL_RETURN_IF_ERROR(LabeledOptions(job.input_data_config()).status());
  WL_RETURN_IF_ERROR(OutputModelId(env, p.model_id(), "").status());
  WL_RETURN_IF_ERROR(JobOutputDir(env, job, /*required=*/false).status());
  WL_ASSIGN_OR_RETURN(std::string input, JobInputPath(env, job));
  if (!fs::is_regular_file(input)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "input_data_config.s3_uri \"", input, "\": TRAIN_CLASSIFIER reads one labeled file"));
  }
  if (!p.validation_uri().empty()) {
    WL_RETURN_IF_ERROR(ConfinedInputPath(env, "validation_uri", p.validation_uri()).status());
  }
  return absl::OkStatus();
}

absl::Status RunTrainClassifierJob(const JobTaskEnv& env, JobContext& context) {
  const v1::JobProperties& job = context.job();
  const v1::ClassifierTrainingParameters& p = job.parameters().classifier_training();
  WL_ASSIGN_OR_RETURN(cls::TrainerOptions options, ClassifierOptions(env, p));
  WL_ASSIGN_OR_RETURN(cls::LabeledDataOptions format, LabeledOptions(job.input_data_config()));
  WL_ASSIGN_OR_RETURN(std::string input, JobInputPath(env, job));
  WL_ASSIGN_OR_RETURN(std::string out, JobOutputDir(env, job, /*required=*/false));
  WL_ASSIGN_OR_RETURN(std::string model_id, OutputModelId(env, p.model_id(), job.job_id()));
  context.BeginPhase("reading", 0, 0.05, absl::StrCat("reading ", input));
  WL_ASSIGN_OR_RETURN(cls::LabeledData train, cls::ReadLabeledFile(input, format));
  cls::LabeledData validation;
  if (!p.validation_uri().empty()) {
    WL_ASSIGN_OR_RETURN(std::string path,
                        ConfinedInputPath(env, "validation_uri", p.validation_uri()));
    WL_ASSIGN_OR_RETURN(validation, cls::ReadLabeledFile(path, format));
  }
  context.SetCounter("examples", static_cast<int64_t>(train.examples.size()));
  context.SetCounter("skipped", static_cast<int64_t>(train.skipped_no_label));
  context.BeginPhase("training", 0.05, 0.95,
                     absl::StrCat("training on ", train.examples.size(), " examples, ",
                                  options.epochs, " epochs"));
  cls::TrainingReport report;
  WL_ASSIGN_OR_RETURN(auto model,
                      cls::TrainClassifier(train, p.validation_uri().empty() ? nullptr : &validation,
                                           options, &report, context.control()));
  context.SetCounter("epochs", report.epochs_run);
  if (report.best_validation_precision >= 0) {
    context.SetMetric("precision_at_1", report.best_validation_precision);
  }
  context.BeginPhase("writing", 0.95, 1, absl::StrCat("saving model ", model_id));
  WL_RETURN_IF_ERROR(OutputModelId(env, p.model_id(), job.job_id()).status());  // still free?
  WL_RETURN_IF_ERROR(MakeDir(env.models_dir));
  WL_RETURN_IF_ERROR(cls::SaveClassifier(*model, ModelPath(env, model_id)));
  if (!out.empty()) {
    WL_RETURN_IF_ERROR(MakeDir(out));
    context.AddOutputFile((fs::path(out) / "model.wlm").string());
    WL_RETURN_IF_ERROR(cls::SaveClassifier(*model, (fs::path(out) / "model.wlm").string()));
  }
  WL_RETURN_IF_ERROR(RegisterModel(env, model_id));
  context.SetOutputModelId(model_id);
  return absl::OkStatus();
}

absl::Status ValidateTrainVectorsJob(const JobTaskEnv& env, const v1::JobProperties& job) {
  const v1::VectorsTrainingParameters& p = job.parameters().vectors_training();
  absl::Status options = VectorsOptions(env, p).status();
  if (!options.ok()) return absl::InvalidArgumentError(options.message());
  WL_RETURN_IF_ERROR(OutputModelId(env, p.model_id(), "").status());
  WL_RETURN_IF_ERROR(JobOutputDir(env, job, /*required=*/false).status());
  WL_RETURN_IF_ERROR(ReaderOptionsFor(job.input_data_config()).status());
  return JobInputPath(env, job).status();
}

absl::Status RunTrainVectorsJob(const JobTaskEnv& env, JobContext& context) {
  const v1::JobProperties& job = context.job();
  const v1::VectorsTrainingParameters& p = job.parameters().vectors_training();
  WL_ASSIGN_OR_RETURN(w2v::TrainOptions options, VectorsOptions(env, p));
  WL_ASSIGN_OR_RETURN(std::string input, JobInputPath(env, job));
  WL_ASSIGN_OR_RETURN(std::string out, JobOutputDir(env, job, /*required=*/false));
  WL_ASSIGN_OR_RETURN(std::string model_id, OutputModelId(env, p.model_id(), job.job_id()));
  context.BeginPhase("reading", 0, 0.2, absl::StrCat("reading and tokenizing ", input));
  WL_ASSIGN_OR_RETURN(auto reader, OpenJobInput(input, job.input_data_config()));
  std::string text;  // one document per line: word2vec's sentences
  WL_RETURN_IF_ERROR(ForEachDocumentBatch(context, *reader, kBatchDocs,
                                          [&](std::vector<corpora::Document>& docs) {
                                            for (const corpora::Document& doc : docs) {
                                              text.append(doc.text).push_back('\n');
                                            }
                                            return absl::OkStatus();
                                          }));
  WL_ASSIGN_OR_RETURN(auto corpus, w2v::TrainingCorpus::FromText(
                                       text, input, {.min_count = options.min_count,
                                                     .threads = options.threads,
                                                     .quiet = true}));
  std::string().swap(text);
  context.SetCounter("words", corpus->num_words());
  context.SetCounter("vocabulary", static_cast<int64_t>(corpus->vocab().size()));
  context.BeginPhase("training", 0.2, 0.95,
                     absl::StrCat("training ", ToAbsl(w2v::ModeName(options.mode)), " vectors on ",
                                  corpus->num_words(), " words, ", options.epochs, " epochs"));
  w2v::TrainStats stats;
  WL_ASSIGN_OR_RETURN(auto vectors, w2v::Train(*corpus, options, &stats, context.control()));
  if (!stats.epoch_loss.empty()) context.SetMetric("loss", stats.epoch_loss.back());
  context.BeginPhase("writing", 0.95, 1, absl::StrCat("saving model ", model_id));
  WL_RETURN_IF_ERROR(OutputModelId(env, p.model_id(), job.job_id()).status());  // still free?
  WL_RETURN_IF_ERROR(MakeDir(env.models_dir));
  WL_RETURN_IF_ERROR(w2v::SaveModel(*vectors, ModelPath(env, model_id)));
  if (!out.empty()) {
    WL_RETURN_IF_ERROR(MakeDir(out));
    context.AddOutputFile((fs::path(out) / "vectors.vec").string());
    WL_RETURN_IF_ERROR(w2v::SaveVec(*vectors, (fs::path(out) / "vectors.vec").string()));
  }
  // A registration failure (the registry cannot load the file) is logged;
  // the job still succeeds, and the file is picked up by the next rescan.
  absl::Status registered = RegisterModel(env, model_id);
  if (!registered.ok()) {
    LogEvent("jobs.model_not_loaded", {{"model_id", model_id},
                                       {"error", std::string(registered.message())}});
  }
  context.SetOutputModelId(model_id);
  return absl::OkStatus();
}

}  // namespace wordloom::service::internal
