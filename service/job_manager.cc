#include "service/job_manager.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "service/log.h"
#include "service/status_bridge.h"

namespace wordloom::service {

using google::protobuf::util::TimeUtil;

struct JobManager::Job {
  v1::JobProperties props;  // guarded by the manager's mu_
  std::atomic<bool> stop{false};
  std::string stop_reason;           // mu_
  double phase_begin = 0, phase_end = 1;  // mu_
  absl::Time started = absl::InfinitePast();     // mu_
  absl::Time last_event = absl::InfinitePast();  // mu_
  absl::Time last_persist = absl::InfinitePast();  // mu_
};

namespace {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t));
}

int64_t Nanos(const google::protobuf::Timestamp& t) { return TimeUtil::TimestampToNanoseconds(t); }

std::string NewJobId() {
  static std::mt19937_64* rng = new std::mt19937_64(std::random_device{}());
  return absl::StrFormat("%016x%016x", (*rng)(), (*rng)());  // caller holds mu_
}

v1::JobEvent MakeEvent(const v1::JobProperties& job) {
  v1::JobEvent event;
  event.set_job_id(job.job_id());
  *event.mutable_event_time() = ToTimestamp(absl::Now());
  event.set_job_status(job.job_status());
  *event.mutable_progress() = job.progress();
  event.set_message(job.message());
  return event;
}

// The checks every job gets before its kind's own (JobExecutor::Validate).
absl::Status CheckRequest(const v1::StartJobRequest& r) {
  if (r.kind() == v1::JobKind::JOB_KIND_UNSPECIFIED || !v1::JobKind::Value_IsValid(r.kind())) {
    return absl::InvalidArgumentError(
        "kind is required: TOPICS_DETECTION, DOCUMENT_CLASSIFICATION, TRAIN_CLASSIFIER or "
        "TRAIN_VECTORS");
  }
  if (r.input_data_config().s3_uri().empty()) {
    return absl::InvalidArgumentError("input_data_config.s3_uri is required: the input path");
  }
  if (r.job_name().size() > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("job_name is ", r.job_name().size(), " bytes; at most 256 are allowed"));
  }
  if (r.client_request_token().size() > 64) {
    return absl::InvalidArgumentError("client_request_token is longer than 64 bytes");
  }
  static constexpr v1::JobKind::Value kKindOf[] = {
      v1::JobKind::JOB_KIND_UNSPECIFIED, v1::JobKind::TOPICS_DETECTION,
      v1::JobKind::DOCUMENT_CLASSIFICATION, v1::JobKind::TRAIN_CLASSIFIER,
      v1::JobKind::TRAIN_VECTORS};
  const int set = r.parameters().parameters_case();
  if (set != 0 && kKindOf[set] != r.kind()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "parameters are for ", v1::JobKind::Value_Name(kKindOf[set]), " but kind is ",
        v1::JobKind::Value_Name(r.kind())));
  }
  return absl::OkStatus();
}

v1::JobProperties NewJob(const v1::StartJobRequest& r) {
  v1::JobProperties job;
  job.set_job_name(r.job_name());
  job.set_kind(r.kind());
  job.set_job_status(v1::JobStatus::SUBMITTED);
  *job.mutable_submit_time() = ToTimestamp(absl::Now());
  *job.mutable_input_data_config() = r.input_data_config();
  *job.mutable_output_data_config() = r.output_data_config();
  job.set_language_code(r.language_code());
  *job.mutable_parameters() = r.parameters();
  job.set_client_request_token(r.client_request_token());
  job.mutable_progress()->set_phase("queued");
  job.mutable_progress()->set_message("waiting for a job worker");
  return job;
}

// The paging key of a job: newest first, then by id.
std::string PageKey(const v1::JobProperties& job) {
  return absl::StrCat(Nanos(job.submit_time()), ".", job.job_id());
}

bool Before(const v1::JobProperties& a, const v1::JobProperties& b) {  // list order
  const int64_t ta = Nanos(a.submit_time()), tb = Nanos(b.submit_time());
  return ta != tb ? ta > tb : a.job_id() > b.job_id();
}

bool Matches(const v1::JobFilter& f, const v1::JobProperties& job) {
  if (f.kind() != 0 && f.kind() != job.kind()) return false;
  if (!f.job_name().empty() && f.job_name() != job.job_name()) return false;
  if (f.job_status() != 0 && f.job_status() != job.job_status()) return false;
  const int64_t t = Nanos(job.submit_time());
  if (f.has_submit_time_before() && t >= Nanos(f.submit_time_before())) return false;
  if (f.has_submit_time_after() && t <= Nanos(f.submit_time_after())) return false;
  return true;
}

}  // namespace

JobManager::JobManager(JobManagerOptions options, std::unique_ptr<JobStore> store,
                       std::unique_ptr<JobExecutor> executor)
    : options_(std::move(options)), store_(std::move(store)), executor_(std::move(executor)) {}

absl::StatusOr<std::unique_ptr<JobManager>> JobManager::Create(
    JobManagerOptions options, std::unique_ptr<JobExecutor> executor) {
  if (options.concurrency == 0) return absl::InvalidArgumentError("job concurrency must be >= 1");
  WL_ASSIGN_OR_RETURN(std::unique_ptr<JobStore> store, JobStore::Open(options.state_dir));
  WL_ASSIGN_OR_RETURN(LoadedJobs loaded, store->Load(absl::Now()));
  for (const std::string& why : loaded.unreadable) LogEvent("jobs.unreadable", {{"error", why}});
  for (const std::string& id : loaded.interrupted) LogEvent("jobs.interrupted", {{"job_id", id}});
  std::unique_ptr<JobManager> manager(
      new JobManager(std::move(options), std::move(store), std::move(executor)));
  {
    absl::MutexLock lock(&manager->mu_);
    for (v1::JobProperties& props : loaded.jobs) {
      auto job = std::make_shared<Job>();
      const std::string id = props.job_id();
      if (!props.client_request_token().empty()) manager->tokens_[props.client_request_token()] = id;
      job->props = std::move(props);
      manager->jobs_[id] = std::move(job);
    }
  }
  manager->DeleteExpired(absl::Now());
  for (size_t i = 0; i < manager->options_.concurrency; ++i) {
    manager->workers_.emplace_back([m = manager.get()] { m->WorkerLoop(); });
  }
  if (manager->options_.retention > absl::ZeroDuration()) {
    manager->retention_thread_ = std::thread([m = manager.get()] { m->RetentionLoop(); });
  }
  return manager;
}

JobManager::~JobManager() { Shutdown(); }

absl::StatusOr<v1::StartJobResponse> JobManager::Start(const v1::StartJobRequest& request) {
  WL_RETURN_IF_ERROR(CheckRequest(request));
  v1::JobProperties props = NewJob(request);
  WL_RETURN_IF_ERROR(executor_->Validate(props));
  auto job = std::make_shared<Job>();
  v1::StartJobResponse response;
  {
    absl::MutexLock lock(&mu_);
    if (shutting_down_) return absl::UnavailableError("the server is shutting down");
    const std::string& token = request.client_request_token();
    if (auto it = tokens_.find(token); !token.empty() && it != tokens_.end()) {
      response.set_job_id(it->second);
      response.set_job_status(jobs_.at(it->second)->props.job_status());
      return response;
    }
    if (queue_.size() >= options_.max_queued) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the job queue is full: ", queue_.size(), " jobs are waiting (the limit is ",
          options_.max_queued, "); retry when one has started"));
    }
    std::string id;
    do id = NewJobId(); while (jobs_.count(id));
    props.set_job_id(id);
    job->props = props;
    jobs_[id] = job;
    if (!token.empty()) tokens_[token] = id;
  }
  // Durable before it is queued: a job the caller was told about survives
  // a crash (as interrupted) rather than vanishing.
  if (absl::Status saved = store_->Save(props); !saved.ok()) {
    absl::MutexLock lock(&mu_);
    jobs_.erase(props.job_id());
    tokens_.erase(request.client_request_token());
    return saved;
  }
  bool queued = false;
  {
    absl::MutexLock lock(&mu_);
    if (!shutting_down_) {
      queue_.push_back(job);
      queued = true;
    } else {  // Shutdown() ran while the job file was written
      job->props.set_job_status(v1::JobStatus::STOPPED);
      job->props.set_message("the server shut down before the job started");
      *job->props.mutable_end_time() = ToTimestamp(absl::Now());
    }
  }
  if (!queued) {
    Publish(job, /*persist=*/true);
    return absl::UnavailableError("the server is shutting down");
  }
  LogEvent("jobs.submitted", {{"job_id", props.job_id()},
                              {"kind", v1::JobKind::Value_Name(props.kind())}});
  response.set_job_id(props.job_id());
  response.set_job_status(v1::JobStatus::SUBMITTED);
  return response;
}

std::shared_ptr<JobManager::Job> JobManager::Find(const std::string& job_id) const {
  absl::MutexLock lock(&mu_);
  auto it = jobs_.find(job_id);
  return it == jobs_.end() ? nullptr : it->second;
}

absl::StatusOr<v1::JobProperties> JobManager::Describe(const std::string& job_id) const {
  absl::MutexLock lock(&mu_);
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return absl::NotFoundError(absl::StrCat("no job with id \"", job_id, "\""));
  return it->second->props;
}

absl::StatusOr<v1::ListJobsResponse> JobManager::List(const v1::ListJobsRequest& request) const {
  const int max = request.max_results() == 0 ? 100 : request.max_results();
  if (max < 1 || max > 500) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_results is ", request.max_results(), "; it must be 1 to 500 (0 = 100)"));
  }
  const std::string& token = request.next_token();
  if (!token.empty() && token.find('.') == std::string::npos) {
    return absl::InvalidArgumentError("next_token is not a token a ListJobs response gave");
  }
  std::vector<v1::JobProperties> found;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [id, job] : jobs_) {
      if (Matches(request.filter(), job->props)) found.push_back(job->props);
    }
  }
  std::sort(found.begin(), found.end(), Before);
  v1::ListJobsResponse response;
  size_t i = 0;
  if (!token.empty()) {  // resume after the job the token names
    int64_t nanos = 0;
    if (!absl::SimpleAtoi(token.substr(0, token.find('.')), &nanos)) {
      return absl::InvalidArgumentError("next_token is not a token a ListJobs response gave");
    }
    v1::JobProperties last;
    *last.mutable_submit_time() = TimeUtil::NanosecondsToTimestamp(nanos);
    last.set_job_id(token.substr(token.find('.') + 1));
    while (i < found.size() && !Before(last, found[i])) ++i;
  }
  for (; i < found.size() && response.job_properties_list_size() < max; ++i) {
    *response.add_job_properties_list() = found[i];
  }
  if (i < found.size()) response.set_next_token(PageKey(found[i - 1]));
  return response;
}

absl::StatusOr<v1::StopJobResponse> JobManager::Stop(const std::string& job_id) {
  std::shared_ptr<Job> job = Find(job_id);
  if (job == nullptr) return absl::NotFoundError(absl::StrCat("no job with id \"", job_id, "\""));
  v1::StopJobResponse response;
  response.set_job_id(job_id);
  {
    absl::MutexLock lock(&mu_);
    v1::JobProperties& p = job->props;
    switch (p.job_status()) {
      case v1::JobStatus::SUBMITTED:
        queue_.erase(std::remove(queue_.begin(), queue_.end(), job), queue_.end());
        p.set_job_status(v1::JobStatus::STOPPED);
        p.set_message("stopped by StopJob before it started");
        *p.mutable_end_time() = ToTimestamp(absl::Now());
        break;
      case v1::JobStatus::IN_PROGRESS:
        job->stop_reason = "stopped by StopJob";
        job->stop.store(true);
        p.set_job_status(v1::JobStatus::STOP_REQUESTED);
        break;
      case v1::JobStatus::STOP_REQUESTED:
      case v1::JobStatus::STOPPED:
        response.set_job_status(p.job_status());
        return response;
      default:
        return absl::FailedPreconditionError(absl::StrCat(
            "job ", job_id, " is already ", v1::JobStatus::Value_Name(p.job_status()),
            "; only SUBMITTED or IN_PROGRESS jobs can be stopped"));
    }
    response.set_job_status(p.job_status());
  }
  Publish(job, /*persist=*/true);
  return response;
}

absl::StatusOr<uint64_t> JobManager::Watch(const std::string& job_id, Listener listener) {
  absl::MutexLock publish(&publish_mu_);
  v1::JobProperties snapshot;
  {
    absl::MutexLock lock(&mu_);
    auto it = jobs_.find(job_id);
    if (it == jobs_.end()) return absl::NotFoundError(absl::StrCat("no job with id \"", job_id, "\""));
    snapshot = it->second->props;
  }
  listener(MakeEvent(snapshot));
  const uint64_t handle = next_watch_++;
  if (!IsTerminal(snapshot.job_status())) watchers_[handle] = {job_id, std::move(listener)};
  return handle;
}

void JobManager::Unwatch(uint64_t handle) {
  absl::MutexLock publish(&publish_mu_);
  watchers_.erase(handle);
}

void JobManager::Publish(const std::shared_ptr<Job>& job, bool persist) {
  absl::MutexLock publish(&publish_mu_);
  v1::JobProperties snapshot;
  {
    absl::MutexLock lock(&mu_);
    snapshot = job->props;
  }
  if (persist) {
    absl::Status saved = store_->Save(snapshot);
    if (!saved.ok()) {
      LogEvent("jobs.save_failed", {{"job_id", snapshot.job_id()},
                                    {"error", std::string(saved.message())}});
    }
  }
  const v1::JobEvent event = MakeEvent(snapshot);
  const bool terminal = IsTerminal(snapshot.job_status());
  for (auto it = watchers_.begin(); it != watchers_.end();) {
    if (it->second.job_id != snapshot.job_id()) {
      ++it;
      continue;
    }
    it->second.listener(event);
    it = terminal ? watchers_.erase(it) : std::next(it);
  }
}

void JobManager::WorkerLoop() {
  // Linux: the nice value is per thread and inherited by the threads this
  // one starts (the trainers' workers).
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), options_.nice);
  while (true) {
    std::shared_ptr<Job> job;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](JobManager* m) ABSL_EXCLUSIVE_LOCKS_REQUIRED(m->mu_) {
            return m->shutting_down_ || !m->queue_.empty();
          },
          this));
      if (shutting_down_) return;
      job = queue_.front();
      queue_.pop_front();
      ++running_;
      job->props.set_job_status(v1::JobStatus::IN_PROGRESS);
      job->started = absl::Now();
      job->props.mutable_progress()->set_phase("starting");
      job->props.mutable_progress()->set_message("");
    }
    Publish(job, /*persist=*/true);
    RunJob(job);
  }
}

void JobManager::RunJob(const std::shared_ptr<Job>& job) {
  v1::JobProperties props;
  {
    absl::MutexLock lock(&mu_);
    props = job->props;
  }
  LogEvent("jobs.started", {{"job_id", props.job_id()}});
  JobContext context(this, job, std::move(props));
  Finish(job, executor_->Run(context));
}

void JobManager::Finish(const std::shared_ptr<Job>& job, const absl::Status& status) {
  v1::JobProperties final_state;
  {
    absl::MutexLock lock(&mu_);
    --running_;
    v1::JobProperties& p = job->props;
    v1::Progress* progress = p.mutable_progress();
    progress->set_eta_seconds(0);
    if (status.ok()) {
      p.set_job_status(v1::JobStatus::COMPLETED);
      p.clear_message();
      progress->set_fraction(1);
      progress->set_phase("done");
    } else if (job->stop.load() && status.code() == absl::StatusCode::kCancelled) {
      p.set_job_status(v1::JobStatus::STOPPED);
      p.set_message(absl::StrCat(job->stop_reason, " (", status.message(), ")"));
    } else {
      p.set_job_status(v1::JobStatus::FAILED);
      p.set_message(absl::StrCat(StatusCodeName(status.code()), ": ", status.message()));
    }
    *p.mutable_end_time() = ToTimestamp(absl::Now());
    final_state = p;
  }
  Publish(job, /*persist=*/true);
  LogEvent("jobs.finished", {{"job_id", final_state.job_id()},
                             {"status", v1::JobStatus::Value_Name(final_state.job_status())},
                             {"message", final_state.message()}});
}

void JobManager::Shutdown() {
  std::vector<std::shared_ptr<Job>> changed;
  {
    absl::MutexLock lock(&mu_);
    if (!shutting_down_) {
      shutting_down_ = true;
      for (const std::shared_ptr<Job>& job : queue_) {
        job->props.set_job_status(v1::JobStatus::STOPPED);
        job->props.set_message("the server shut down before the job started");
        *job->props.mutable_end_time() = ToTimestamp(absl::Now());
        changed.push_back(job);
      }
      queue_.clear();
      for (const auto& [id, job] : jobs_) {
        if (job->props.job_status() != v1::JobStatus::IN_PROGRESS &&
            job->props.job_status() != v1::JobStatus::STOP_REQUESTED) {
          continue;
        }
        if (!job->stop.exchange(true)) job->stop_reason = "the server shut down";
        job->props.set_job_status(v1::JobStatus::STOP_REQUESTED);
        changed.push_back(job);
      }
    }
  }
  for (const std::shared_ptr<Job>& job : changed) Publish(job, /*persist=*/true);
  if (joined_.exchange(true)) return;
  for (std::thread& worker : workers_) worker.join();
  if (retention_thread_.joinable()) retention_thread_.join();
}

size_t JobManager::DeleteExpired(absl::Time now) {
  if (options_.retention <= absl::ZeroDuration()) return 0;
  const int64_t cutoff = absl::ToUnixNanos(now - options_.retention);
  std::vector<v1::JobProperties> expired;
  // Terminal jobs change no more, and publish_mu_ keeps any last save of
  // them out; their files go first, so a job no longer listed has none.
  absl::MutexLock publish(&publish_mu_);
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [id, job] : jobs_) {
      const v1::JobProperties& p = job->props;
      if (IsTerminal(p.job_status()) && p.has_end_time() && Nanos(p.end_time()) < cutoff) {
        expired.push_back(p);
      }
    }
  }
  for (const v1::JobProperties& job : expired) {
    absl::Status removed = store_->Remove(job);
    LogEvent("jobs.expired",
             {{"job_id", job.job_id()}, {"status", v1::JobStatus::Value_Name(job.job_status())},
              {"ended", TimeUtil::ToString(job.end_time())},
              {"error", removed.ok() ? std::string() : std::string(removed.message())}});
  }
  absl::MutexLock lock(&mu_);
  for (const v1::JobProperties& job : expired) {
    auto token = tokens_.find(job.client_request_token());
    if (token != tokens_.end() && token->second == job.job_id()) tokens_.erase(token);
    jobs_.erase(job.job_id());
  }
  return expired.size();
}

void JobManager::RetentionLoop() {
  const absl::Duration every =
      std::clamp(options_.retention / 4, absl::Seconds(1), absl::Hours(1));
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (mu_.AwaitWithTimeout(absl::Condition(&shutting_down_), every)) return;
    }
    DeleteExpired(absl::Now());
  }
}

size_t JobManager::active() const {
  absl::MutexLock lock(&mu_);
  return queue_.size() + running_;
}

JobContext::JobContext(JobManager* manager, std::shared_ptr<JobManager::Job> job,
                       v1::JobProperties props)
    : manager_(manager), job_state_(std::move(job)), job_(std::move(props)) {
  JobManager::Job* state = job_state_.get();
  control_.stop_requested = [state] { return state->stop.load(std::memory_order_relaxed); };
  control_.progress = [this](double fraction) { Progress(fraction); };
}

bool JobContext::stop_requested() const { return job_state_->stop.load(); }

void JobContext::Update(const std::function<void(v1::Progress*)>& change, bool force) {
  bool publish = false, persist = false;
  {
    absl::MutexLock lock(&manager_->mu_);
    JobManager::Job& job = *job_state_;
    v1::Progress* progress = job.props.mutable_progress();
    change(progress);
    const absl::Time now = absl::Now();
    const double elapsed = absl::ToDoubleSeconds(now - job.started);
    const double f = progress->fraction();
    progress->set_eta_seconds(f >= 0.01 && elapsed >= 1 ? static_cast<int64_t>(elapsed * (1 - f) / f) : 0);
    if (force || now - job.last_event >= manager_->options_.progress_interval) {
      publish = true;
      job.last_event = now;
      if (force || now - job.last_persist >= manager_->options_.persist_interval) {
        persist = true;
        job.last_persist = now;
      }
    }
  }
  if (publish) manager_->Publish(job_state_, persist);
}

void JobContext::BeginPhase(std::string phase, double begin, double end, std::string message) {
  Update(
      [&](v1::Progress* p) {
        job_state_->phase_begin = begin;
        job_state_->phase_end = end;
        p->set_phase(std::move(phase));
        p->set_message(std::move(message));
        p->set_fraction(static_cast<float>(std::max<double>(p->fraction(), begin)));
      },
      /*force=*/true);
}

void JobContext::Progress(double phase_fraction) {
  const double f = std::clamp(phase_fraction, 0.0, 1.0);
  Update(
      [&](v1::Progress* p) {
        const JobManager::Job& job = *job_state_;
        const double overall = job.phase_begin + (job.phase_end - job.phase_begin) * f;
        p->set_fraction(static_cast<float>(std::max<double>(p->fraction(), overall)));
      },
      /*force=*/false);
}

void JobContext::SetCounter(const std::string& name, int64_t value) {
  Update([&](v1::Progress* p) { (*p->mutable_counters())[name] = value; }, /*force=*/false);
}

void JobContext::SetMetric(const std::string& name, double value) {
  Update([&](v1::Progress* p) { (*p->mutable_metrics())[name] = value; }, /*force=*/false);
}

void JobContext::SetMessage(std::string message) {
  Update([&](v1::Progress* p) { p->set_message(std::move(message)); }, /*force=*/false);
}

void JobContext::AddOutputFile(std::string path) {
  absl::MutexLock lock(&manager_->mu_);
  auto* files = job_state_->props.mutable_output_files();
  if (std::find(files->begin(), files->end(), path) == files->end()) files->Add(std::move(path));
}

void JobContext::SetOutputModelId(std::string model_id) {
  absl::MutexLock lock(&manager_->mu_);
  job_state_->props.set_output_model_id(std::move(model_id));
}

}  // namespace wordloom::service
