// The job kinds wordloomd runs (Comprehend's Start*Job family), over the
// same library code paths as the CLI:
//   TOPICS_DETECTION        LDA (topics/) over the input; writes model.wlm,
//                           topic-terms.csv and doc-topics.csv to the output
//                           directory (as `wordloom train-topics`).
//   DOCUMENT_CLASSIFICATION a loaded CLASSIFIER model over every input
//                           document; writes predictions.jsonl, one
//                           Comprehend-shaped line per document:
//                           {"File": ..., "Line": "0", "Classes": [...]}
//                           ("Labels" for multi-label models).
//   TRAIN_CLASSIFIER        embeddings/classifier on a labeled file; writes
//                           <models_dir>/<model_id>.wlm and registers it.
//   TRAIN_VECTORS           word2vec on the input documents; writes
//                           <models_dir>/<model_id>.wlm (and vectors.vec in the
//                           output directory when one is given).
// Input: ResolveInputUri / OpenJobInput (job_input.h); every input and
// output path is confined to JobTaskEnv's roots (job_paths.h).
//
// Thread-safe: jobs may run concurrently.
#ifndef WORDLOOM_SERVICE_JOB_TASKS_H_
#define WORDLOOM_SERVICE_JOB_TASKS_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "service/job_manager.h"
#include "service/model_registry.h"

namespace wordloom::service {

struct JobTaskEnv {
  // Models of DOCUMENT_CLASSIFICATION jobs, and where trained models are
  // registered. Not owned; outlives the executor.
  ModelRegistry* registry = nullptr;
  // Where TRAIN_* jobs write their models (the registry's directory).
  std::string models_dir;
  // Where corpus://NAME inputs live (always an allowed input root).
  std::string corpora_dir;
  // Directories job inputs (input_data_config, validation_uri) and outputs
  // (output_data_config) must lie in, after resolving symbolic links and
  // ".." (job_paths.h); a path elsewhere is INVALID_ARGUMENT. Empty output
  // roots: no job may write an output directory.
  std::vector<std::string> input_roots;
  std::vector<std::string> output_roots;
  // Trainer / tokenizer threads of one job; 0 = half the cores (at least 1).
  size_t threads = 0;
};

std::unique_ptr<JobExecutor> MakeJobExecutor(JobTaskEnv env);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_JOB_TASKS_H_
