// wordloom entities [--model MODEL] [--language-code CODE] [FILE...]
//     one JSON object per input line, as Comprehend's DetectEntities:
//     {"Entities":[{"Text":"Paris","Type":"LOCATION","Score":0.98,
//                   "BeginOffset":15,"EndOffset":20}]}   (UTF-8 byte offsets)
// wordloom train-entities --train FILE [--dev FILE] --output MODEL
//     trains the tagger on CoNLL-2003 style data, keeps the best epoch on
//     --dev and prints its conlleval scores.
// wordloom eval-entities --model MODEL FILE
//     conlleval scores of MODEL on CoNLL data and tagging speed.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/status_macros.h"
#include "nlp/analyze/entities/conll.h"
#include "nlp/analyze/entities/entity_recognizer.h"
#include "nlp/analyze/entities/entity_trainer.h"
#include "corpora/reader.h"
#include "nlp/analyze/entities/evaluate.h"
#include "nlp/analyze/entities/word_clusters.h"
#include "tools/analyze_lines.h"
#include "tools/command.h"
#include "tools/language_flags.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace ner = analyze::entities;

struct EntitiesFlags {
  std::vector<std::string> files;
  std::string model;
  size_t threads = 0;
  bool no_rules = false;
  LanguageFlags language;
};

struct TrainEntitiesFlags {
  std::string train;
  std::string dev;
  std::string output;
  std::string language_code = "en";
  int epochs = 12;
  uint64_t seed = 1;
  int gazetteer_folds = 10;
  int min_count = 1;
  std::vector<std::string> unlabeled;
  std::string unlabeled_format = "auto";
  int clusters = 256;
};

struct EvalEntitiesFlags {
  std::string model;
  std::string file;
  size_t threads = 1;
};

void AppendEntities(const std::vector<ner::Entity>& entities, std::string* out) {
  out->append("{\"Entities\":[");
  for (size_t i = 0; i < entities.size(); ++i) {
    const ner::Entity& e = entities[i];
    if (i > 0) out->push_back(',');
    out->append("{\"Text\":");
    AppendJsonString(out, e.text);
    out->append(",\"Type\":");
    AppendJsonString(out, e.type);
    absl::StrAppendFormat(out, ",\"Score\":%.6g,\"BeginOffset\":%d,\"EndOffset\":%d}", e.score,
                          e.begin, e.end);
  }
  out->append("]}");
}

absl::Status RunEntities(const EntitiesFlags& flags) {
  const std::string path = flags.model.empty() ? DefaultModelPath("entities.wlm") : flags.model;
  WL_RETURN_IF_ERROR(CheckModelExists(path));
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const ner::EntityRecognizer> model,
                      ner::EntityRecognizer::Load(path, {.rules = !flags.no_rules}));
  WL_ASSIGN_OR_RETURN(auto gate, LineLanguageGate::Create("entities", model->data().language_code,
                                                          flags.language));
  return AnalyzeLines(flags.files, flags.threads,
                      [model, gate = std::move(gate)](std::string_view line,
                                                      std::string* out) -> absl::Status {
                        WL_ASSIGN_OR_RETURN(std::vector<ner::Entity> found, model->Detect(line));
                        // After the analyzer's own checks (size, UTF-8).
                        WL_RETURN_IF_ERROR(gate.Check(line));
                        AppendEntities(found, out);
                        return absl::OkStatus();
                      });
}

// Word clusters from --unlabeled documents plus the training sentences.
absl::StatusOr<ner::ClusterMap> BuildClusters(const TrainEntitiesFlags& flags,
                                              const std::vector<ner::ConllSentence>& train) {
  WL_ASSIGN_OR_RETURN(auto builder, ner::WordClusterBuilder::Create());
  WL_ASSIGN_OR_RETURN(corpora::Format format, corpora::ParseFormat(flags.unlabeled_format));
  corpora::ReaderOptions options;
  options.format = format;
  WL_ASSIGN_OR_RETURN(auto reader, corpora::OpenReaders(flags.unlabeled, options));
  size_t docs = 0;
  while (true) {
    WL_ASSIGN_OR_RETURN(std::optional<corpora::Document> doc, reader->Next());
    if (!doc) break;
    builder->AddText(doc->text);
    ++docs;
  }
  for (const ner::ConllSentence& s : train) builder->AddText(absl::StrJoin(s.words, " "));
  ner::WordClusterOptions cluster_options;
  cluster_options.fine = flags.clusters;
  cluster_options.coarse = std::max(1, flags.clusters / 8);
  WL_ASSIGN_OR_RETURN(ner::ClusterMap map, builder->Build(cluster_options));
  std::fprintf(stderr, "train-entities: %zu clusters of %zu words from %zu documents (%zu tokens)\n",
               static_cast<size_t>(flags.clusters), map.size(), docs, builder->tokens());
  return map;
}

absl::Status RunTrainEntities(const TrainEntitiesFlags& flags) {
  WL_ASSIGN_OR_RETURN(auto train, ner::ReadConll(flags.train));
  std::vector<ner::ConllSentence> dev;
  if (!flags.dev.empty()) {
    WL_ASSIGN_OR_RETURN(dev, ner::ReadConll(flags.dev));
  }
  ner::EntityTrainerOptions options;
  options.epochs = flags.epochs;
  options.seed = flags.seed;
  options.gazetteer_folds = flags.gazetteer_folds;
  options.min_feature_count = flags.min_count;
  if (!flags.unlabeled.empty()) {
    WL_ASSIGN_OR_RETURN(options.clusters, BuildClusters(flags, train));
  }
  options.on_epoch = [](const ner::EpochReport& r) {
    std::fprintf(stderr, "train-entities: epoch %d: %lld sentences wrong, dev F1 %.2f (%.1f s)\n",
                 r.epoch, static_cast<long long>(r.mistakes), r.dev_f1, r.seconds);
  };
  WL_ASSIGN_OR_RETURN(ner::EntityTrainingResult result,
                      ner::TrainEntityModel(train, dev, options));
  result.model.language_code = flags.language_code;
  WL_ASSIGN_OR_RETURN(auto model, ner::EntityRecognizer::Create(std::move(result.model)));
  WL_RETURN_IF_ERROR(model->Save(flags.output));
  std::fprintf(stderr,
               "train-entities: %zu sentences, %zu features (%zu kept), best epoch %d, "
               "temperature %.3g -> %s\n",
               train.size(), result.features, model->data().feature_keys.size(),
               result.best_epoch, model->data().temperature, flags.output.c_str());
  if (!dev.empty()) {
    WL_ASSIGN_OR_RETURN(ner::Evaluation eval, ner::EvaluateConll(*model, dev, 0));
    std::fprintf(stderr, "%s", ner::FormatScores(eval.scores).c_str());
  }
  return absl::OkStatus();
}

absl::Status RunEvalEntities(const EvalEntitiesFlags& flags) {
  const std::string path = flags.model.empty() ? DefaultModelPath("entities.wlm") : flags.model;
  WL_RETURN_IF_ERROR(CheckModelExists(path));
  WL_ASSIGN_OR_RETURN(auto model, ner::EntityRecognizer::Load(path));
  WL_ASSIGN_OR_RETURN(auto sentences, ner::ReadConll(flags.file));
  WL_ASSIGN_OR_RETURN(ner::Evaluation eval, ner::EvaluateConll(*model, sentences, flags.threads));
  std::string out = ner::FormatScores(eval.scores);
  out.append(ner::FormatCalibration(eval));
  absl::StrAppendFormat(&out, "speed: %d words in %.3f s = %.0f words/s (%d threads)\n",
                        eval.tokens, eval.seconds, eval.tokens / std::max(eval.seconds, 1e-9),
                        flags.threads);
  return WriteAll(stdout, out);
}

}  // namespace

void AddEntitiesCommands(CLI::App& app) {
  auto flags = std::make_shared<EntitiesFlags>();
  CLI::App* cmd = app.add_subcommand(
      "entities", "Named entities of each input line (JSON lines, as DetectEntities)");
  cmd->add_option("files", flags->files, "Input files (default: stdin; '-' is stdin)");
  cmd->add_option("--model", flags->model, "Entity model (default: models/entities.wlm)");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  cmd->add_flag("--no-rules", flags->no_rules, "Only the tagger's types (no DATE / QUANTITY)");
  AddLanguageOptions(cmd, &flags->language);
  SetAction(cmd, [flags] { return RunEntities(*flags); });

  auto train = std::make_shared<TrainEntitiesFlags>();
  CLI::App* tcmd = app.add_subcommand(
      "train-entities", "Train the entity tagger on CoNLL-2003 style data");
  tcmd->add_option("--train", train->train, "Training data (token ... TAG lines)")->required();
  tcmd->add_option("--dev", train->dev, "Development data: picks the epoch, calibrates Score");
  tcmd->add_option("--output", train->output, "Model file to write")->required();
  tcmd->add_option("--language-code", train->language_code,
                   "Language of the training data, recorded in the model (default en)");
  tcmd->add_option("--epochs", train->epochs, "Passes over the training data (default 12)");
  tcmd->add_option("--seed", train->seed, "Shuffling seed (default 1)");
  tcmd->add_option("--gazetteer-folds", train->gazetteer_folds,
                   "Jackknife folds for gazetteer features, 0 = none (default 10)");
  tcmd->add_option("--min-count", train->min_count, "Drop rarer features (default 1)");
  tcmd->add_option("--unlabeled", train->unlabeled,
                   "Unlabelled text for word-cluster features (files, dirs, archives)");
  tcmd->add_option("--unlabeled-format", train->unlabeled_format,
                   "Format of --unlabeled (auto, reuters, lines, ...; default auto)");
  tcmd->add_option("--clusters", train->clusters, "Fine word clusters (default 256)");
  SetAction(tcmd, [train] { return RunTrainEntities(*train); });

  auto eval = std::make_shared<EvalEntitiesFlags>();
  CLI::App* ecmd = app.add_subcommand(
      "eval-entities", "conlleval scores and speed of an entity model on CoNLL data");
  ecmd->add_option("--model", eval->model, "Entity model (default: models/entities.wlm)");
  ecmd->add_option("file", eval->file, "CoNLL data (token ... TAG lines)")->required();
  ecmd->add_option("--threads", eval->threads, "Tagging threads (default 1)");
  SetAction(ecmd, [eval] { return RunEvalEntities(*eval); });
}

}  // namespace wordloom::tools
