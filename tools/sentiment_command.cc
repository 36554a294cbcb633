// wordloom sentiment [--model MODEL] [--sentences] [--language-code CODE] [FILE...]
//     one JSON object per input line, as Comprehend's DetectSentiment:
//     {"Sentiment":"POSITIVE","SentimentScore":{"Positive":..,"Negative":..,
//      "Neutral":..,"Mixed":..}}; --sentences adds "Sentences":[{"BeginOffset",
//     "EndOffset","Sentiment","SentimentScore"}] (UTF-8 byte offsets).
// wordloom train-sentiment [--sst FILE]... [--mr DIR]... [--uci FILE]... --output MODEL
//     trains the NB-LR model (all examples, or all but fold I of K).
// wordloom eval-sentiment --model MODEL [--sst FILE]... [--mr DIR]... [--uci FILE]...
//     binary accuracy (P(positive) > 0.5) per data set, on fold I of K when
//     --folds is given, and how often the text-level label is NEUTRAL/MIXED;
//     with several sets, an `all` line over all of them.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/sentiment/sentiment_analyzer.h"
#include "nlp/analyze/sentiment/sentiment_trainer.h"
#include "tools/analyze_lines.h"
#include "tools/command.h"
#include "tools/language_flags.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

namespace sent = analyze::sentiment;

struct SentimentFlags {
  std::vector<std::string> files;
  std::string model;
  bool sentences = false;
  size_t threads = 0;
  LanguageFlags language;
};

// The data sets named on the command line and the fold to leave out / test.
struct DataFlags {
  std::vector<std::string> sst, mr, uci;
  int folds = 0;
  int fold = 0;
};

struct TrainSentimentFlags {
  DataFlags data;
  std::string output;
  std::string language_code = "en";
  sent::SentimentTrainerOptions options;
};

struct EvalSentimentFlags {
  DataFlags data;
  std::string model;
};

void AppendScore(const sent::SentimentScore& s, std::string* out) {
  absl::StrAppend(out, "\"SentimentScore\":{\"Positive\":", s.positive,
                  ",\"Negative\":", s.negative, ",\"Neutral\":", s.neutral,
                  ",\"Mixed\":", s.mixed, "}");
}

void AppendResult(const sent::SentimentResult& r, bool sentences, std::string* out) {
  absl::StrAppend(out, "{\"Sentiment\":\"", ToAbsl(sent::SentimentName(r.sentiment)), "\",");
  AppendScore(r.score, out);
  if (sentences) {
    out->append(",\"Sentences\":[");
    for (size_t i = 0; i < r.sentences.size(); ++i) {
      const sent::SentenceSentiment& s = r.sentences[i];
      if (i > 0) out->push_back(',');
      absl::StrAppend(out, "{\"BeginOffset\":", s.begin, ",\"EndOffset\":", s.end,
                      ",\"Sentiment\":\"", ToAbsl(sent::SentimentName(s.sentiment)), "\",");
      AppendScore(s.score, out);
      out->push_back('}');
    }
    out->push_back(']');
  }
  out->push_back('}');
}

absl::Status RunSentiment(const SentimentFlags& flags) {
  const std::string path = flags.model.empty() ? DefaultModelPath("sentiment.wlm") : flags.model;
  WL_RETURN_IF_ERROR(CheckModelExists(path));
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const sent::SentimentAnalyzer> model,
                      sent::SentimentAnalyzer::Load(path));
  WL_ASSIGN_OR_RETURN(auto gate, LineLanguageGate::Create("sentiment", model->data().language_code,
                                                          flags.language));
  const bool sentences = flags.sentences;
  return AnalyzeLines(flags.files, flags.threads,
                      [model, gate = std::move(gate), sentences](
                          std::string_view line, std::string* out) -> absl::Status {
                        WL_ASSIGN_OR_RETURN(sent::SentimentResult r, model->Detect(line));
                        // After the analyzer's own checks (size, UTF-8).
                        WL_RETURN_IF_ERROR(gate.Check(line));
                        AppendResult(r, sentences, out);
                        return absl::OkStatus();
                      });
}

struct NamedSet {
  std::string name;
  std::vector<sent::SentimentExample> examples;
};

// Reads every data set of `flags`, training folds (heldout false) or the
// held-out fold (heldout true).
absl::StatusOr<std::vector<NamedSet>> ReadSets(const DataFlags& flags, bool heldout) {
  if (flags.folds > 0 && (flags.fold < 0 || flags.fold >= flags.folds)) {
    return absl::InvalidArgumentError("--fold must be in [0, --folds)");
  }
  const sent::FoldSelection sel{.folds = flags.folds, .fold = flags.fold, .heldout = heldout};
  std::vector<NamedSet> sets;
  for (const std::string& p : flags.sst) {
    WL_ASSIGN_OR_RETURN(auto ex, sent::ReadSst(p, sel));
    sets.push_back({"sst:" + p, std::move(ex)});
  }
  for (const std::string& p : flags.mr) {
    WL_ASSIGN_OR_RETURN(auto ex, sent::ReadMr(p, sel));
    sets.push_back({"mr:" + p, std::move(ex)});
  }
  for (const std::string& p : flags.uci) {
    WL_ASSIGN_OR_RETURN(auto ex, sent::ReadUci(p, sel));
    sets.push_back({"uci:" + p, std::move(ex)});
  }
  if (sets.empty()) return absl::InvalidArgumentError("give at least one --sst, --mr or --uci");
  return sets;
}

absl::Status RunTrainSentiment(const TrainSentimentFlags& flags) {
  WL_ASSIGN_OR_RETURN(std::vector<NamedSet> sets, ReadSets(flags.data, /*heldout=*/false));
  std::vector<sent::SentimentExample> examples;
  for (NamedSet& set : sets) {
    for (auto& e : set.examples) examples.push_back(std::move(e));
  }
  WL_ASSIGN_OR_RETURN(sent::SentimentModelData data,
                      sent::TrainSentimentModel(examples, flags.options));
  data.language_code = flags.language_code;
  WL_ASSIGN_OR_RETURN(auto model, sent::SentimentAnalyzer::Create(std::move(data)));
  WL_RETURN_IF_ERROR(model->Save(flags.output));
  std::fprintf(stderr, "train-sentiment: %zu texts, %zu features -> %s\n", examples.size(),
               model->data().keys.size(), flags.output.c_str());
  return absl::OkStatus();
}

struct EvalCounts {
  size_t n = 0, correct = 0, neutral = 0, mixed = 0, rejected = 0;
};

void PrintCounts(const std::string& name, const EvalCounts& c) {
  const double n = std::max<size_t>(1, c.n);
  std::printf("%s\taccuracy=%.4f\tn=%zu\tneutral=%.3f\tmixed=%.3f\trejected=%zu\n",
              name.c_str(), c.correct / n, c.n, c.neutral / n, c.mixed / n, c.rejected);
}

absl::Status EvalSet(const sent::SentimentAnalyzer& model, const NamedSet& set,
                     EvalCounts* total) {
  EvalCounts c;
  for (const sent::SentimentExample& e : set.examples) {
    WL_ASSIGN_OR_RETURN(double p, model.PositiveProbability(e.text));
    ++c.n;
    c.correct += (p > 0.5) == e.positive;
    absl::StatusOr<sent::SentimentResult> r = model.Detect(e.text);
    if (!r.ok()) {
      ++c.rejected;
      continue;
    }
    c.neutral += r->sentiment == sent::Sentiment::kNeutral;
    c.mixed += r->sentiment == sent::Sentiment::kMixed;
  }
  PrintCounts(set.name, c);
  total->n += c.n, total->correct += c.correct, total->neutral += c.neutral;
  total->mixed += c.mixed, total->rejected += c.rejected;
  return absl::OkStatus();
}

// One line per data set, then an "all" line when there are several.
absl::Status RunEvalSentiment(const EvalSentimentFlags& flags) {
  WL_ASSIGN_OR_RETURN(std::vector<NamedSet> sets, ReadSets(flags.data, /*heldout=*/true));
  WL_ASSIGN_OR_RETURN(auto model, sent::SentimentAnalyzer::Load(flags.model));
  EvalCounts total;
  for (const NamedSet& set : sets) WL_RETURN_IF_ERROR(EvalSet(*model, set, &total));
  if (sets.size() > 1) PrintCounts("all", total);
  return absl::OkStatus();
}

void AddDataOptions(CLI::App* cmd, DataFlags* data, std::string_view fold_help) {
  cmd->add_option("--sst", data->sst, "SST file of `LABEL sentence` lines (repeatable)");
  cmd->add_option("--mr", data->mr, "MR directory with rt-polarity.pos/.neg (repeatable)");
  cmd->add_option("--uci", data->uci, "UCI file of `sentence<TAB>label` lines (repeatable)");
  cmd->add_option("--folds", data->folds, "Split each file's examples into K folds (0: all)");
  cmd->add_option("--fold", data->fold, std::string(fold_help));
}

}  // namespace

void AddSentimentCommands(CLI::App& app) {
  auto flags = std::make_shared<SentimentFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sentiment", "Sentiment of each input line (JSON lines, as DetectSentiment)");
  cmd->add_option("files", flags->files, "Input files (default: stdin; '-' is stdin)");
  cmd->add_option("--model", flags->model, "Sentiment model (default: models/sentiment.wlm)");
  cmd->add_flag("--sentences", flags->sentences, "Add per-sentence results");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  AddLanguageOptions(cmd, &flags->language);
  SetAction(cmd, [flags] { return RunSentiment(*flags); });

  auto train = std::make_shared<TrainSentimentFlags>();
  CLI::App* tcmd = app.add_subcommand("train-sentiment", "Train the sentiment model (NB-LR)");
  AddDataOptions(tcmd, &train->data, "Leave this fold out of training");
  tcmd->add_option("--output", train->output, "Model file to write")->required();
  tcmd->add_option("--language-code", train->language_code,
                   "Language of the training texts, recorded in the model (default en)");
  tcmd->add_option("--epochs", train->options.epochs, "SGD epochs (default 20)");
  tcmd->add_option("--lr", train->options.learning_rate, "Initial learning rate (default 0.05)");
  tcmd->add_option("--l2", train->options.l2, "L2 penalty (default 3e-4)");
  tcmd->add_option("--alpha", train->options.alpha, "NB smoothing (default 0.5)");
  tcmd->add_option("--interpolation", train->options.interpolation,
                   "NB-SVM beta: 1 = NB-LR weights, 0 = naive Bayes (default 0.5)");
  tcmd->add_option("--seed", train->options.seed, "Shuffling seed (default 1)");
  SetAction(tcmd, [train] { return RunTrainSentiment(*train); });

  auto eval = std::make_shared<EvalSentimentFlags>();
  CLI::App* ecmd = app.add_subcommand("eval-sentiment", "Accuracy of a sentiment model");
  ecmd->add_option("--model", eval->model, "Sentiment model")->required();
  AddDataOptions(ecmd, &eval->data, "Evaluate on this fold only");
  SetAction(ecmd, [eval] { return RunEvalSentiment(*eval); });
}

}  // namespace wordloom::tools
