// wordloom spm-train --input FILE --model-prefix PREFIX --vocab-size N
//                    [--model-type unigram|bpe]
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "nlp/text/subword.h"
#include "tools/command.h"

namespace wordloom::tools {

void AddSpmTrainCommand(CLI::App& app) {
  auto options = std::make_shared<nlp::SubwordTrainOptions>();
  auto inputs = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "spm-train", "Train a sentencepiece subword model (writes PREFIX.model and PREFIX.vocab)");
  cmd->add_option("--input", *inputs, "Training text, one sentence per line (repeat or comma-separate)")
      ->required();
  cmd->add_option("--model-prefix", options->model_prefix, "Output prefix")->required();
  cmd->add_option("--vocab-size", options->vocab_size, "Vocabulary size")->required();
  cmd->add_option("--model-type", options->model_type, "unigram, bpe, char or word")
      ->check(CLI::IsMember({"unigram", "bpe", "char", "word"}));
  cmd->add_option("--character-coverage", options->character_coverage,
                  "Share of characters the model covers (0.9995; 1.0 for small alphabets)");
  cmd->add_option("--input-sentence-size", options->input_sentence_size,
                  "Sample this many sentences for training (0 = all)");
  cmd->add_option("--threads", options->threads, "Training threads (default: all cores)");
  SetAction(cmd, [options, inputs] {
    options->inputs.clear();
    for (const std::string& input : *inputs) {
      for (absl::string_view part : absl::StrSplit(input, ',', absl::SkipEmpty())) {
        options->inputs.emplace_back(part);
      }
    }
    return nlp::SubwordModel::Train(*options);
  });
}

}  // namespace wordloom::tools
