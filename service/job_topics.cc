// TOPICS_DETECTION jobs: the input's documents -> topics::TextCorpusBuilder
// -> topics::LdaTrainer -> topics::WriteTopicsDetectionOutput, as
// `wordloom train-topics` does for text input.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "service/job_input.h"
#include "service/job_tasks_internal.h"
#include "topics/comprehend_output.h"
#include "topics/text_corpus.h"
#include "topics/trainer.h"

namespace wordloom::service::internal {
namespace {

constexpr size_t kBatchDocs = 512;

// The job's parameters with the proto's defaults filled in.
struct TopicsSettings {
  topics::TrainerOptions trainer;
  topics::TextCorpusOptions text;
};

TopicsSettings SettingsOf(const JobTaskEnv& env, const v1::JobProperties& job) {
  const v1::TopicsDetectionParameters& p = job.parameters().topics_detection();
  TopicsSettings s;
  s.trainer.num_topics = p.number_of_topics() > 0 ? p.number_of_topics() : 10;
  s.trainer.iterations = p.iterations() > 0 ? p.iterations() : 1000;
  s.trainer.alpha = p.alpha() > 0 ? p.alpha() : 50.0 / s.trainer.num_topics;
  s.trainer.beta = p.beta() > 0 ? p.beta() : 0.01;
  s.trainer.seed = p.seed();
  s.trainer.threads = env.threads;
  const std::string language = job.language_code().empty() ? "en" : job.language_code();
  s.text.text.stopwords_language = language.substr(0, language.find('-'));
  s.text.prune.min_count = p.min_count() > 0 ? p.min_count() : 2;
  s.text.prune.max_document_fraction =
      p.max_document_fraction() > 0 ? p.max_document_fraction() : 0.5;
  s.text.threads = env.threads;
  return s;
}

}  // namespace

absl::Status ValidateTopicsJob(const JobTaskEnv& env, const v1::JobProperties& job) {
  const v1::TopicsDetectionParameters& p = job.parameters().topics_detection();
  WL_RETURN_IF_ERROR(CheckRange("number_of_topics", p.number_of_topics(), 0, 1000));
  WL_RETURN_IF_ERROR(CheckRange("iterations", p.iterations(), 0, 100000));
  WL_RETURN_IF_ERROR(CheckRange("alpha", p.alpha(), 0, 1e6));
  WL_RETURN_IF_ERROR(CheckRange("beta", p.beta(), 0, 1e6));
  WL_RETURN_IF_ERROR(CheckRange("min_count", p.min_count(), 0, 1e9));
  WL_RETURN_IF_ERROR(CheckRange("max_document_fraction", p.max_document_fraction(), 0, 1));
  WL_RETURN_IF_ERROR(JobOutputDir(env, job, /*required=*/true).status());
  WL_RETURN_IF_ERROR(JobInputPath(env, job).status());
  // The stopword list of the job's language must exist.
  absl::Status language = topics::MakeTopicTokenizer(SettingsOf(env, job).text.text).status();
  if (!language.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("language_code \"", job.language_code(),
                                                   "\": ", language.message()));
  }
  return absl::OkStatus();
}

absl::Status RunTopicsJob(const JobTaskEnv& env, JobContext& context) {
  const v1::JobProperties& job = context.job();
  TopicsSettings s = SettingsOf(env, job);
  WL_ASSIGN_OR_RETURN(std::string input, JobInputPath(env, job));
  WL_ASSIGN_OR_RETURN(std::string out, JobOutputDir(env, job, /*required=*/true));
  context.BeginPhase("reading", 0, 0.2, absl::StrCat("reading and tokenizing ", input));
  WL_ASSIGN_OR_RETURN(auto reader, OpenJobInput(input, job.input_data_config()));
  WL_ASSIGN_OR_RETURN(auto builder, topics::TextCorpusBuilder::Create(s.text));
  WL_RETURN_IF_ERROR(ForEachDocumentBatch(
      context, *reader, kBatchDocs, [&](std::vector<corpora::Document>& docs) {
        std::vector<std::string> names;
        std::vector<std::string_view> texts;
        for (corpora::Document& doc : docs) {
          names.push_back(std::move(doc.id));
          texts.push_back(doc.text);
        }
        return builder->AddDocuments(std::move(names), texts);
      }));
  WL_ASSIGN_OR_RETURN(topics::Corpus corpus, builder->Finish());
  context.SetCounter("tokens", corpus.NumTokens());
  context.SetCounter("vocabulary", static_cast<int64_t>(corpus.vocab.size()));
  WL_ASSIGN_OR_RETURN(auto trainer, topics::LdaTrainer::Create(corpus, s.trainer));
  context.BeginPhase("training", 0.2, 0.95,
                     absl::StrCat("Gibbs sampling: ", corpus.size(), " documents, ",
                                  s.trainer.num_topics, " topics, ", s.trainer.iterations,
                                  " iterations"));
  WL_RETURN_IF_ERROR(trainer->Train(
      [&](int32_t done) { context.SetCounter("iteration", done); }, context.control()));
  context.BeginPhase("writing", 0.95, 1, absl::StrCat("writing the results to ", out));
  for (const char* name : {"model.wlm", "topic-terms.csv", "doc-topics.csv"}) {
    context.AddOutputFile((std::filesystem::path(out) / name).string());
  }
  return topics::WriteTopicsDetectionOutput(*trainer, corpus, s.text.text, out);
}

}  // namespace wordloom::service::internal
