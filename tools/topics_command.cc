// wordloom topics --model MODEL [FILE...]
//
// DetectTopics for each input line: one JSON object per line,
//   {"Topics":[{"Topic":3,"Proportion":0.42,
//               "Terms":[{"Term":"oil","Weight":0.031},...]},...]}
// topics by descending proportion.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/line_reader.h"
#include "core/ordered_pipeline.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"
#include "tools/command.h"
#include "tools/topics_commands.h"
#include "tools/output.h"
#include "topics/inference.h"
#include "topics/model_file.h"

namespace wordloom::tools {
namespace {

struct TopicsFlags {
  std::string model;
  std::vector<std::string> files;
  topics::DetectOptions detect;
  size_t threads = 0;
};

struct BatchOutput {
  std::string text;
  absl::Status error;
};

void AppendTopicsJson(const topics::DetectedTopics& detected, std::string* out) {
  out->append("{\"Topics\":[");
  for (size_t i = 0; i < detected.topics.size(); ++i) {
    const topics::DetectedTopic& t = detected.topics[i];
    absl::StrAppendFormat(out, "%s{\"Topic\":%d,\"Proportion\":%.6g,\"Terms\":[", i ? "," : "",
                          t.topic, t.proportion);
    for (size_t j = 0; j < t.terms.size(); ++j) {
      out->append(j ? ",{\"Term\":" : "{\"Term\":");
      AppendJsonString(out, t.terms[j].first);
      absl::StrAppendFormat(out, ",\"Weight\":%.6g}", t.terms[j].second);
    }
    out->append("]}");
  }
  out->append("]}\n");
}

absl::Status DetectFile(const std::string& path, const TopicsFlags& flags,
                        const topics::TopicInferencer& inferencer) {
  WL_ASSIGN_OR_RETURN(auto reader, LineBatchReader::Open(path, 1 << 16));
  const size_t threads = flags.threads ? flags.threads : ThreadPool::DefaultThreads();
  auto work = [&](LineBatch& batch, size_t) {
    BatchOutput result;
    for (size_t i = 0; i < batch.lines.size(); ++i) {
      auto detected = inferencer.DetectTopics(batch.lines[i], flags.detect);
      if (!detected.ok()) {
        result.error = absl::Status(detected.status().code(),
                                    absl::StrCat(reader->name(), ":", batch.first_line + i, ": ",
                                                 detected.status().message()));
        break;
      }
      AppendTopicsJson(*detected, &result.text);
    }
    return result;
  };
  auto consume = [&](BatchOutput& out) -> absl::Status {
    WL_RETURN_IF_ERROR(WriteAll(stdout, out.text));
    return out.error;
  };
  return RunOrderedPipeline<LineBatch, BatchOutput>(
      {.threads = threads}, [&] { return reader->Next(); }, work, consume);
}

absl::Status RunTopics(const TopicsFlags& flags) {
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const topics::LdaModel> model,
                      topics::LoadLdaModel(flags.model));
  WL_ASSIGN_OR_RETURN(auto inferencer, topics::TopicInferencer::Create(model));
  for (const std::string& path : InputsOrStdin(flags.files)) {
    WL_RETURN_IF_ERROR(DetectFile(path, flags, *inferencer));
  }
  return absl::OkStatus();
}

}  // namespace

void AddTopicsCommand(CLI::App& app) {
  auto flags = std::make_shared<TopicsFlags>();
  CLI::App* cmd = app.add_subcommand("topics", "Detect the topics of each input line (JSON lines)");
  cmd->add_option("--model", flags->model, "LDA model file (model.wlm from train-topics)")->required();
  cmd->add_option("files", flags->files, "Input files (default: stdin; '-' is stdin)");
  cmd->add_option("--max-topics", flags->detect.max_topics, "Topics reported per document (default 5)");
  cmd->add_option("--min-proportion", flags->detect.min_proportion,
                  "Omit topics below this proportion (default 0.01)");
  cmd->add_option("--terms", flags->detect.terms_per_topic, "Top terms per topic (default 10)");
  cmd->add_option("--iterations", flags->detect.inference.iterations, "Fold-in Gibbs sweeps (default 30)");
  cmd->add_option("--seed", flags->detect.inference.seed, "Random seed");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  SetAction(cmd, [flags] { return RunTopics(*flags); });
}

}  // namespace wordloom::tools
