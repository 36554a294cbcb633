// The job runner behind wordloom.v1.Jobs and the Comprehend Start*Job
// calls: accepts jobs, queues them (bounded), runs them on a few background
// threads (default one) at low CPU priority so they do not starve RPCs,
// publishes their progress to watchers, stops them on request, and persists
// every state change through JobStore.
//
// Life cycle of a job: SUBMITTED (queued) -> IN_PROGRESS -> COMPLETED |
// FAILED, or -> STOP_REQUESTED -> STOPPED when StopJob (or shutdown) asks a
// running job to stop; a queued job stops at once. A job that finishes its
// work although a stop was requested (it was already writing its outputs)
// is COMPLETED.
//
// Shutdown() (SIGTERM): queued jobs become STOPPED ("the server shut down
// before the job started"); running jobs are asked to stop and end STOPPED
// at their next safe point (between iterations / every few thousand
// examples), or COMPLETED if they were already writing their outputs. Their
// final state is saved, so a restart lists them as they ended. Only a server
// that dies without Shutdown() leaves jobs for JobStore::Load() to mark
// FAILED as interrupted.
//
// Retention: finished jobs older than JobManagerOptions::retention are
// deleted with their output files, at startup and periodically.
//
// What a job does is the JobExecutor's business (job_tasks.h); tests plug in
// their own. Thread-safe.
#ifndef WORDLOOM_SERVICE_JOB_MANAGER_H_
#define WORDLOOM_SERVICE_JOB_MANAGER_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/work_control.h"
#include "proto/wordloom/v1/jobs.pb.h"
#include "service/job_store.h"

namespace wordloom::service {

class JobContext;

// Validates and runs jobs of every kind. Implementations must be thread-safe
// (jobs run concurrently when concurrency > 1).
class JobExecutor {
 public:
  virtual ~JobExecutor() = default;
  // Checks a job at StartJob time, before it is queued: parameters
  // (InvalidArgument naming the field), input and model existence
  // (NotFound), output model id free (AlreadyExists).
  virtual absl::Status Validate(const v1::JobProperties& job) const = 0;
  // Does the work. OK -> COMPLETED; Cancelled after a stop request ->
  // STOPPED; any other error -> FAILED with its message.
  virtual absl::Status Run(JobContext& context) const = 0;
};

struct JobManagerOptions {
  // Directory of the job files (created if missing).
  std::string state_dir = "wordloom-state/jobs";
  // Jobs running at once.
  size_t concurrency = 1;
  // Jobs queued (SUBMITTED) at once before StartJob answers
  // RESOURCE_EXHAUSTED.
  size_t max_queued = 64;
  // Least time between two progress events of a job (status changes are
  // sent at once), and between two saves of its progress.
  absl::Duration progress_interval = absl::Seconds(1);
  absl::Duration persist_interval = absl::Seconds(5);
  // Nice value of the job threads (and the trainer threads they start):
  // 0..19, higher = yields more readily to RPC threads.
  int nice = 10;
  // Finished jobs (COMPLETED, FAILED, STOPPED) older than this — by their
  // end time — are deleted (job file and output files, see
  // JobProperties.output_files) by Create() and then every
  // clamp(retention / 4, 1 s, 1 h); zero = keep forever. Queued and running
  // jobs are never deleted.
  absl::Duration retention = absl::ZeroDuration();
};

class JobManager {
 public:
  // Opens the store, loads earlier jobs (marking interrupted ones, see
  // JobStore) and starts the workers. FailedPrecondition when the state
  // directory cannot be used.
  static absl::StatusOr<std::unique_ptr<JobManager>> Create(JobManagerOptions options,
                                                            std::unique_ptr<JobExecutor> executor);
  ~JobManager();  // Shutdown()

  // Validates and queues a job; the response says its id and status. A
  // repeated client_request_token returns the job it started. Errors:
  // InvalidArgument, NotFound, AlreadyExists (from validation),
  // ResourceExhausted (queue full), Unavailable (shutting down).
  absl::StatusOr<v1::StartJobResponse> Start(const v1::StartJobRequest& request);
  // NotFound for an unknown id.
  absl::StatusOr<v1::JobProperties> Describe(const std::string& job_id) const;
  // Newest first, paged. InvalidArgument for a bad page size or token.
  absl::StatusOr<v1::ListJobsResponse> List(const v1::ListJobsRequest& request) const;
  // Stops a job (see the class comment). NotFound; FailedPrecondition when
  // it is already COMPLETED or FAILED.
  absl::StatusOr<v1::StopJobResponse> Stop(const std::string& job_id);

  // Calls `listener` with the job's current state at once, then with every
  // status change and (throttled) progress update, until the event with a
  // terminal status. Listeners run on job threads: they must be quick and
  // must not call back into the manager. Returns a handle for Unwatch();
  // NotFound for an unknown id.
  using Listener = std::function<void(const v1::JobEvent&)>;
  absl::StatusOr<uint64_t> Watch(const std::string& job_id, Listener listener);
  // After Unwatch() returns, the listener is not running and never called
  // again. Unknown handles are ignored.
  void Unwatch(uint64_t handle);

  // Stops the jobs and joins the workers (see the class comment); later
  // Start() calls are Unavailable. Idempotent.
  void Shutdown();

  // Jobs queued or running now.
  size_t active() const;

  // Deletes the finished jobs that ended before `now - retention` (see
  // JobManagerOptions::retention; nothing when it is zero) and returns how
  // many. Runs on its own schedule too; public for tests.
  size_t DeleteExpired(absl::Time now);

 private:
  friend class JobContext;
  struct Job;
  struct WatchEntry {
    std::string job_id;
    Listener listener;
  };
  JobManager(JobManagerOptions options, std::unique_ptr<JobStore> store,
             std::unique_ptr<JobExecutor> executor);
  void WorkerLoop();
  void RetentionLoop();
  void RunJob(const std::shared_ptr<Job>& job);
  void Finish(const std::shared_ptr<Job>& job, const absl::Status& status);
  // Saves (when `persist`) and sends the job's current state to its
  // watchers, in the order the changes were made.
  void Publish(const std::shared_ptr<Job>& job, bool persist);
  std::shared_ptr<Job> Find(const std::string& job_id) const;

  const JobManagerOptions options_;
  const std::unique_ptr<JobStore> store_;
  const std::unique_ptr<JobExecutor> executor_;

  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<Job>> jobs_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> tokens_ ABSL_GUARDED_BY(mu_);  // request token -> id
  std::deque<std::shared_ptr<Job>> queue_ ABSL_GUARDED_BY(mu_);
  size_t running_ ABSL_GUARDED_BY(mu_) = 0;
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;

  // Held while a job's state is saved and sent, so watchers and the job
  // file see its changes in order; taken before mu_, never inside it.
  absl::Mutex publish_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  std::map<uint64_t, WatchEntry> watchers_ ABSL_GUARDED_BY(publish_mu_);
  uint64_t next_watch_ ABSL_GUARDED_BY(publish_mu_) = 1;

  std::vector<std::thread> workers_;
  std::thread retention_thread_;  // runs RetentionLoop when retention > 0
  std::atomic<bool> joined_{false};
};

// What a running job sees: its properties, whether to stop, and where to
// report progress. Progress calls are thread-safe (trainers call them from
// their worker threads) and throttled before they reach watchers.
class JobContext {
 public:
  const v1::JobProperties& job() const { return job_; }
  bool stop_requested() const;

  // Starts a phase ("reading", "training", ...) covering [begin, end) of the
  // job's overall fraction, described by `message`.
  void BeginPhase(std::string phase, double begin, double end, std::string message);
  // Progress within the current phase, in [0, 1].
  void Progress(double phase_fraction);
  void SetCounter(const std::string& name, int64_t value);
  void SetMetric(const std::string& name, double value);
  void SetMessage(std::string message);
  // The model the job registered (reported on COMPLETED).
  void SetOutputModelId(std::string model_id);
  // Lists a file the job is about to write in its output directory, so job
  // retention deletes it with the job (JobProperties.output_files).
  void AddOutputFile(std::string path);
  // Stop and progress hooks for library calls, mapped onto the current
  // phase. Valid while the context lives.
  const WorkControl* control() const { return &control_; }

 private:
  friend class JobManager;
  JobContext(JobManager* manager, std::shared_ptr<JobManager::Job> job, v1::JobProperties props);
  void Update(const std::function<void(v1::Progress*)>& change, bool force);

  JobManager* const manager_;
  const std::shared_ptr<JobManager::Job> job_state_;
  const v1::JobProperties job_;
  WorkControl control_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_JOB_MANAGER_H_
