// wordloom keyphrases [--store STORE | --background-model FILE] [FILE...]
//     one JSON object per input line, as Comprehend's DetectKeyPhrases:
//     {"KeyPhrases":[{"Text":"...","Score":0.93,"BeginOffset":0,"EndOffset":12}]}
//     (UTF-8 byte offsets). The idf comes from the store's document
//     frequencies, else from the built-in background model
//     (models/keyphrases-background.wlm), else is 1; stderr says which.
// wordloom train-keyphrases --input PATH... [--format F] --output FILE
//     the background model: document frequencies of a general corpus.
// wordloom eval-keyphrases --data DIR [--background DIR | --store STORE |
//                          --background-model FILE]
//     F1@5 / F1@10 on a Hulth-2003 directory (N.abstr + N.uncontr), exact
//     match after Porter stemming; the background corpus gives the idf.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/status_macros.h"
#include "corpora/reader.h"
#include "corpora/store.h"
#include "nlp/analyze/keyphrases/background_model.h"
#include "nlp/analyze/keyphrases/keyphrase_eval.h"
#include "nlp/analyze/keyphrases/keyphrase_extractor.h"
#include "tools/analyze_lines.h"
#include "tools/command.h"
#include "tools/output.h"

namespace wordloom::tools {
namespace {

struct KeyphraseFlags {
  std::vector<std::string> files;
  std::string store;
  std::string background_model;  // a train-keyphrases model ("" = default)
  bool no_background = false;
  std::string data;        // eval only
  std::string background;  // eval only: a Hulth directory
  size_t max_phrases = 10;
  size_t max_words = 4;
  double first_sentence_bonus = 1.0;
  double length_weight = 1.1;
  bool keep_contained = false;
  bool no_np_filter = false;
  bool all_occurrences = false;
  size_t threads = 0;
};

// The idf source of `keyphrases`: --store, else --background-model, else
// the default model when it exists, else none (idf 1). Says which on stderr.
absl::StatusOr<std::shared_ptr<const nlp::Vocabulary>> DefaultBackground(const KeyphraseFlags& f) {
  if (!f.store.empty() || f.no_background) {
    if (f.no_background) std::fprintf(stderr, "keyphrases: background: none (idf = 1)\n");
    return nullptr;
  }
  const bool explicit_model = !f.background_model.empty();
  const std::string path =
      explicit_model ? f.background_model : DefaultModelPath(nlp::kBackgroundModelFile);
  absl::StatusOr<nlp::BackgroundModel> model = nlp::LoadBackgroundModel(path);
  if (absl::IsNotFound(model.status()) && !explicit_model) {
    std::fprintf(stderr,
                 "keyphrases: background: none (idf = 1); no model at %s "
                 "(scripts/train-default-models.sh builds it)\n", path.c_str());
    return nullptr;
  }
  if (!model.ok()) return model.status();
  std::fprintf(stderr, "keyphrases: background: model %s (%s, %lld documents, %zu terms)\n",
               path.c_str(), model->source.c_str(),
               static_cast<long long>(model->vocabulary->num_documents()), model->vocabulary->size());
  return model->vocabulary;
}

absl::StatusOr<std::unique_ptr<nlp::KeyphraseExtractor>> MakeExtractor(
    const KeyphraseFlags& f, std::shared_ptr<const nlp::Vocabulary> background) {
  if (!f.store.empty()) {
    WL_ASSIGN_OR_RETURN(auto store, corpora::StoreReader::Open(f.store));
    background = std::make_shared<nlp::Vocabulary>(store->vocabulary());
    std::fprintf(stderr, "keyphrases: background: store %s (%lld documents)\n", f.store.c_str(),
                 static_cast<long long>(background->num_documents()));
  }
  nlp::KeyphraseOptions o;
  o.max_phrases = f.max_phrases;
  o.max_words = f.max_words;
  o.first_sentence_bonus = f.first_sentence_bonus;
  o.length_weight = f.length_weight;
  o.drop_contained = !f.keep_contained;
  o.noun_phrase_filter = !f.no_np_filter;
  return nlp::KeyphraseExtractor::Create(o, std::move(background));
}

void AppendPhrase(const nlp::KeyPhrase& p, nlp::Span span, std::string_view line, std::string* out) {
  out->append("{\"Text\":");
  AppendJsonString(out, line.substr(span.begin, span.end - span.begin));
  absl::StrAppend(out, ",\"Score\":", p.score, ",\"BeginOffset\":", span.begin,
                  ",\"EndOffset\":", span.end, "}");
}

absl::Status RunKeyphrases(const KeyphraseFlags& flags) {
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const nlp::Vocabulary> background, DefaultBackground(flags));
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const nlp::KeyphraseExtractor> extractor,
                      MakeExtractor(flags, std::move(background)));
  const bool all = flags.all_occurrences;
  return AnalyzeLines(flags.files, flags.threads,
                      [extractor, all](std::string_view line, std::string* out) -> absl::Status {
                        WL_ASSIGN_OR_RETURN(std::vector<nlp::KeyPhrase> phrases, extractor->Extract(line));
                        out->append("{\"KeyPhrases\":[");
                        bool first = true;
                        for (const nlp::KeyPhrase& p : phrases) {
                          for (const nlp::Span& s : all ? p.occurrences : std::vector<nlp::Span>{p.first}) {
                            if (!first) out->push_back(',');
                            first = false;
                            AppendPhrase(p, s, line, out);
                          }
                        }
                        out->append("]}");
                        return absl::OkStatus();
                      });
}

absl::Status RunEval(const KeyphraseFlags& flags) {
  WL_ASSIGN_OR_RETURN(std::vector<nlp::LabeledAbstract> data, nlp::ReadHulthDirectory(flags.data));
  std::shared_ptr<const nlp::Vocabulary> background;
  if (!flags.background.empty()) {
    WL_ASSIGN_OR_RETURN(std::vector<nlp::LabeledAbstract> bg, nlp::ReadHulthDirectory(flags.background));
    std::vector<std::string> texts;
    for (auto& a : bg) texts.push_back(std::move(a.text));
    WL_ASSIGN_OR_RETURN(background, nlp::BackgroundFromTexts(texts));
  } else if (!flags.background_model.empty()) {
    WL_ASSIGN_OR_RETURN(nlp::BackgroundModel model, nlp::LoadBackgroundModel(flags.background_model));
    background = model.vocabulary;
  }
  WL_ASSIGN_OR_RETURN(auto extractor, MakeExtractor(flags, background));
  WL_ASSIGN_OR_RETURN(nlp::KeyphraseEvaluation e, nlp::EvaluateKeyphrases(*extractor, data));
  return WriteAll(stdout, absl::StrCat(
      "{\"documents\":", e.documents, ",\"f1_at_5\":", e.at5.f1, ",\"f1_at_10\":", e.at10.f1,
      ",\"p_at_5\":", e.at5.precision, ",\"r_at_5\":", e.at5.recall, ",\"p_at_10\":", e.at10.precision,
      ",\"r_at_10\":", e.at10.recall, ",\"micro_f1_at_5\":", e.at5.micro_f1,
      ",\"micro_f1_at_10\":", e.at10.micro_f1, "}\n"));
}

void AddScoringFlags(CLI::App* cmd, KeyphraseFlags* f) {
  cmd->add_option("--store", f->store, "Corpus store whose document frequencies give the idf");
  cmd->add_option("--background-model", f->background_model,
                  "Background model (train-keyphrases) giving the idf (default: models/keyphrases-background.wlm)");
  cmd->add_option("--max-phrases", f->max_phrases, "Phrases per document (0 = all)");
  cmd->add_option("--max-words", f->max_words, "Words per phrase (1..N)");
  cmd->add_option("--first-sentence-bonus", f->first_sentence_bonus, "Score x (1 + this) in the first sentence");
  cmd->add_option("--length-weight", f->length_weight, "Score x this^(words - 1)");
  cmd->add_flag("--keep-contained", f->keep_contained, "Keep phrases inside a better phrase (dropped by default)");
  cmd->add_flag("--no-np-filter", f->no_np_filter, "English: no noun-phrase heuristics (verbs, adverbs, adjective ends)");
}

struct TrainKeyphrasesFlags {
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::string output;
  std::string source;
  int64_t min_df = 2;
};

absl::Status RunTrainKeyphrases(const TrainKeyphrasesFlags& flags) {
  WL_ASSIGN_OR_RETURN(corpora::Format format, corpora::ParseFormat(flags.format));
  corpora::ReaderOptions options;
  options.format = format;
  WL_ASSIGN_OR_RETURN(auto reader, corpora::OpenReaders(flags.inputs, options));
  WL_ASSIGN_OR_RETURN(auto builder, nlp::BackgroundBuilder::Create());
  size_t docs = 0, bad = 0;
  while (true) {
    WL_ASSIGN_OR_RETURN(std::optional<corpora::Document> doc, reader->Next());
    if (!doc) break;
    if (absl::Status s = builder->Add(doc->text); !s.ok()) {  // e.g. invalid UTF-8: skipped
      if (++bad <= 10) std::fprintf(stderr, "train-keyphrases: skipped %s: %s\n", doc->id.c_str(),
                                    std::string(s.message()).c_str());
      continue;
    }
    if (++docs % 5000 == 0) std::fprintf(stderr, "\rtrain-keyphrases: %zu documents", docs);
  }
  if (docs == 0) return absl::InvalidArgumentError("train-keyphrases: no documents in the input");
  const std::string source =
      flags.source.empty() ? absl::StrJoin(flags.inputs, ",") : flags.source;
  WL_RETURN_IF_ERROR(builder->Save(flags.output, source, flags.min_df));
  std::fprintf(stderr, "\rtrain-keyphrases: %zu documents (%llu skipped), %zu terms -> %s\n", docs,
               static_cast<unsigned long long>(reader->skipped() + bad), builder->vocabulary().size(),
               flags.output.c_str());
  return absl::OkStatus();
}

void AddTrainKeyphrasesCommand(CLI::App& app) {
  auto flags = std::make_shared<TrainKeyphrasesFlags>();
  CLI::App* cmd = app.add_subcommand(
      "train-keyphrases", "Background model for keyphrases: document frequencies of a general corpus");
  cmd->add_option("--input", flags->inputs, "Corpus files or directories")->required();
  cmd->add_option("--format", flags->format, "auto|dir|lines|jsonl|csv|tar|zip|reuters|...");
  cmd->add_option("--output", flags->output, "Model file to write (.wlm)")->required();
  cmd->add_option("--source", flags->source, "What the model was built from (default: the inputs)");
  cmd->add_option("--min-df", flags->min_df, "Drop terms in fewer documents than this");
  SetAction(cmd, [flags] { return RunTrainKeyphrases(*flags); });
}

}  // namespace

void AddKeyphrasesCommands(CLI::App& app) {
  auto flags = std::make_shared<KeyphraseFlags>();
  CLI::App* cmd = app.add_subcommand("keyphrases", "Key phrases per input line (Comprehend DetectKeyPhrases)");
  cmd->add_option("files", flags->files, "Input files (default: stdin)");
  AddScoringFlags(cmd, flags.get());
  cmd->add_flag("--all-occurrences", flags->all_occurrences, "One entry per occurrence (Comprehend lists repeats)");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  cmd->add_flag("--no-background", flags->no_background, "Use no background model (idf = 1)");
  SetAction(cmd, [flags] { return RunKeyphrases(*flags); });

  AddTrainKeyphrasesCommand(app);

  auto eval = std::make_shared<KeyphraseFlags>();
  CLI::App* ecmd = app.add_subcommand("eval-keyphrases", "F1@5/F1@10 on a Hulth-2003 directory");
  ecmd->add_option("--data", eval->data, "Directory of N.abstr + N.uncontr")->required();
  ecmd->add_option("--background", eval->background, "Hulth directory whose abstracts give the idf");
  AddScoringFlags(ecmd, eval.get());
  SetAction(ecmd, [eval] { return RunEval(*eval); });
}

}  // namespace wordloom::tools
