// wordloom eval-topics --model MODEL [--reference PATH...] [--heldout PATH...]
// wordloom eval-topics --terms FILE --reference PATH...
//
// Prints one JSON object: topic coherence (NPMI, UMass) of each topic's top
// terms over the reference corpus and document-completion perplexity on the
// held-out corpus. Corpora are read as by train-topics (lda-c, UCI, lines)
// and mapped onto the model's vocabulary. With --terms, the topics are term
// lists exported by any system (topic-terms.csv or one topic per line) and
// only coherence is computed, over the reference corpus' own vocabulary.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "core/status_macros.h"
#include "tools/command.h"
#include "tools/topics_commands.h"
#include "tools/output.h"
#include "topics/corpus_loader.h"
#include "topics/evaluation.h"
#include "topics/model_file.h"
#include "topics/topic_term_lists.h"

namespace wordloom::tools {
namespace {

struct EvalTopicsFlags {
  std::string model;
  std::string terms;
  topics::CorpusSource reference;
  topics::CorpusSource heldout;
  size_t top = 10;
  int32_t window = 0;
  topics::InferenceOptions inference;
  size_t threads = 0;
};

absl::StatusOr<topics::Corpus> LoadMapped(topics::CorpusSource source, const topics::LdaModel& model) {
  source.text.text = model.data().text;
  source.text.prune = {.min_count = 1, .max_document_fraction = 1.0};
  WL_ASSIGN_OR_RETURN(topics::Corpus corpus, topics::LoadCorpus(source));
  topics::RemapToVocabulary(model.vocab(), &corpus);
  return corpus;
}

// Coherence of exported term lists over the reference corpus.
absl::Status RunTermListCoherence(const EvalTopicsFlags& flags) {
  if (flags.reference.inputs.empty() || !flags.heldout.inputs.empty() || !flags.model.empty()) {
    return absl::InvalidArgumentError("--terms takes --reference only (no --model, no --heldout)");
  }
  WL_ASSIGN_OR_RETURN(auto lists, topics::ReadTopicTermLists(flags.terms));
  topics::CorpusSource source = flags.reference;
  source.text.prune = {.min_count = 1, .max_document_fraction = 1.0};
  WL_ASSIGN_OR_RETURN(topics::Corpus reference, topics::LoadCorpus(source));
  for (auto& list : lists) {
    if (list.size() > flags.top) list.resize(flags.top);
  }
  WL_ASSIGN_OR_RETURN(topics::CoherenceResult c,
                      topics::TopicCoherence(topics::TermListsToIds(lists, reference.vocab),
                                             reference.docs, {.window = flags.window}));
  return WriteAll(stdout, absl::StrFormat("{\"topics\":%d,\"npmi\":%.6f,\"umass\":%.6f,\"top\":%d,"
                                          "\"window\":%d}\n",
                                          lists.size(), c.npmi, c.umass, flags.top, flags.window));
}

absl::Status RunEvalTopics(const EvalTopicsFlags& flags) {
  if (!flags.terms.empty()) return RunTermListCoherence(flags);
  if (flags.model.empty()) return absl::InvalidArgumentError("give --model or --terms");
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const topics::LdaModel> model, topics::LoadLdaModel(flags.model));
  if (flags.reference.inputs.empty() && flags.heldout.inputs.empty()) {
    return absl::InvalidArgumentError("give --reference and/or --heldout");
  }
  std::string out = absl::StrFormat("{\"topics\":%d", model->num_topics());
  if (!flags.reference.inputs.empty()) {
    WL_ASSIGN_OR_RETURN(topics::Corpus reference, LoadMapped(flags.reference, *model));
    WL_ASSIGN_OR_RETURN(topics::CoherenceResult c,
                        topics::TopicCoherence(topics::TopTermIds(*model, flags.top), reference.docs,
                                               {.window = flags.window}));
    absl::StrAppendFormat(&out, ",\"npmi\":%.6f,\"umass\":%.6f,\"top\":%d,\"window\":%d", c.npmi,
                          c.umass, flags.top, flags.window);
  }
  if (!flags.heldout.inputs.empty()) {
    WL_ASSIGN_OR_RETURN(topics::Corpus heldout, LoadMapped(flags.heldout, *model));
    WL_ASSIGN_OR_RETURN(auto inferencer, topics::TopicInferencer::Create(model));
    WL_ASSIGN_OR_RETURN(topics::PerplexityResult p,
                        topics::HeldOutPerplexity(*inferencer, heldout.docs, flags.inference, flags.threads));
    absl::StrAppendFormat(&out, ",\"perplexity\":%.4f,\"heldout_tokens\":%d", p.perplexity, p.tokens);
  }
  out.append("}\n");
  return WriteAll(stdout, out);
}

}  // namespace

void AddEvalTopicsCommand(CLI::App& app) {
  auto flags = std::make_shared<EvalTopicsFlags>();
  CLI::App* cmd = app.add_subcommand("eval-topics", "Topic coherence (NPMI, UMass) and held-out perplexity");
  cmd->add_option("--model", flags->model, "LDA model file");
  cmd->add_option("--terms", flags->terms,
                  "Instead of a model: topics as term lists (topic-terms.csv or one topic per line)");
  cmd->add_option("--reference", flags->reference.inputs, "Reference corpus for coherence");
  cmd->add_option("--heldout", flags->heldout.inputs, "Held-out corpus for perplexity");
  cmd->add_option("--format", flags->reference.format, "Corpus format: auto, lda-c, uci, lines");
  cmd->add_option("--vocab", flags->reference.vocab, "Vocabulary file for lda-c / uci corpora");
  cmd->add_option("--top", flags->top, "Top terms per topic for coherence (default 10)");
  cmd->add_option("--window", flags->window, "Coherence window in tokens (0 = whole documents)");
  cmd->add_option("--iterations", flags->inference.iterations, "Fold-in sweeps for perplexity");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  cmd->parse_complete_callback([flags] {
    flags->heldout.format = flags->reference.format;
    flags->heldout.vocab = flags->reference.vocab;
  });
  SetAction(cmd, [flags] { return RunEvalTopics(*flags); });
}

}  // namespace wordloom::tools
