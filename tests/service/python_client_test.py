#!/usr/bin/python3
"""An independent client for wordloomd: Python grpcio (Debian's python3-grpcio)
with stubs generated at test time by the system protoc and grpc_python_plugin.

Starts the real server on a free loopback port over models trained here with
the wordloom CLI, then calls every TextAnalytics RPC, the Models RPCs, Ingest
and grpc.health.v1, checks the error-code paths (INVALID_ARGUMENT for oversize
documents, batches over 25 and ill-formed UTF-8, NOT_FOUND for unknown model
ids) and runs several client threads at once.

  python_client_test.py --server build/bin/wordloomd --wordloom build/bin/wordloom \
      --proto-root REPO

Every service's stubs are generated (every proto/wordloom/v1/*.proto); each
service has a `class ...Test(ServerTest)` below using `self.stub(...)`.

Exit 77 (ctest SKIP_RETURN_CODE) when grpcio / protoc are missing, unless
CI=true (then missing tools fail).
"""

import argparse
import concurrent.futures
import glob
import importlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

ARGS = None
SKIP = 77

# grpc.health.v1 as published by gRPC (no Debian package ships the .proto).
HEALTH_PROTO = """syntax = "proto3";
package grpc.health.v1;
message HealthCheckRequest { string service = 1; }
message HealthCheckResponse {
  enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; SERVICE_UNKNOWN = 3; }
  ServingStatus status = 1;
}
service Health { rpc Check(HealthCheckRequest) returns (HealthCheckResponse); }
"""

TEXT = ("A superb film about apple juice. Mary flew to Rome with John. "
        "The engine of the car failed, sadly. Mail bob@example.com today.")


def skip_or_fail(why):
    if os.environ.get("CI") == "true":
        print("FAIL (CI): " + why, file=sys.stderr)
        sys.exit(1)
    print("SKIP: " + why, file=sys.stderr)
    sys.exit(SKIP)


def run(cmd, **kw):
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if done.returncode != 0:
        raise RuntimeError("%s failed:\n%s" % (" ".join(cmd), done.stdout))
    return done.stdout


def generate_stubs(proto_root, out):
    """protoc --python_out --grpc_python_out for every wordloom.v1 proto + health."""
    protos = sorted(os.path.relpath(p, proto_root)
                    for p in glob.glob(os.path.join(proto_root, "proto/wordloom/v1/*.proto")))
    with open(os.path.join(out, "health.proto"), "w") as f:
        f.write(HEALTH_PROTO)
    run(["protoc", "-I", proto_root, "--python_out=" + out, "--grpc_python_out=" + out,
         "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin"] + protos)
    run(["protoc", "-I", out, "--python_out=" + out, "--grpc_python_out=" + out,
         "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", "health.proto"])
    # Regular packages, so no other top-level `proto` package shadows them.
    for d in ("proto", "proto/wordloom", "proto/wordloom/v1"):
        open(os.path.join(out, d, "__init__.py"), "a").close()
    sys.path.insert(0, out)


def pb(name):
    return importlib.import_module("proto.wordloom.v1.%s_pb2" % name)


def train_models(wordloom, work, models):
    """Tiny models of every kind the test calls, with the wordloom CLI."""
    def write(path, text):
        with open(path, "w") as f:
            f.write(text)
    corpus = "".join("apple banana fruit orange apple pear fruit juice\n" if i % 2 == 0 else
                     "engine wheel car brake engine tyre car garage\n" for i in range(40))
    write(work + "/corpus.txt", corpus)
    run([wordloom, "train-vectors", "--input", work + "/corpus.txt", "--output", models + "/vecs",
         "--mode", "skipgram", "--dim", "8", "--epoch", "5", "--min-count", "1", "--threads", "1"])
    run([wordloom, "train-topics", "--input", work + "/corpus.txt", "--format", "lines",
         "--topics", "2", "--out", work + "/lda", "--iterations", "50", "--threads", "1",
         "--seed", "3", "--min-count", "1", "--quiet"])
    shutil.move(work + "/lda/model.wlm", models + "/news.wlm")
    write(work + "/train.conll",
          "John NNP I-PER\nSmith NNP I-PER\nvisited VBD O\nParis NNP I-LOC\n. . O\n\n"
          "Mary NNP I-PER\nflew VBD O\nto TO O\nRome NNP I-LOC\nwith IN O\nJohn NNP I-PER\n. . O\n")
    run([wordloom, "train-entities", "--train", work + "/train.conll", "--output",
         models + "/ner.wlm", "--epochs", "20", "--gazetteer-folds", "0", "--seed", "1"])
    reviews = "".join("A %s %s.\t%d\n" % (w, s, label) for s in ("film", "food", "hotel")
                      for w, label in (("great", 1), ("superb", 1), ("awful", 0), ("horrible", 0)))
    write(work + "/reviews.tsv", reviews)
    run([wordloom, "train-sentiment", "--uci", work + "/reviews.tsv", "--output",
         models + "/mood.wlm"])
    write(work + "/labelled.txt", "__label__fruit apple banana juice pear\n"
          "__label__car engine wheel brake tyre\n" * 20)
    run([wordloom, "train-classifier", "--input", work + "/labelled.txt", "--output",
         models + "/genre.wlm", "--epoch", "20", "--dim", "10", "--lr", "0.5", "--bucket", "1000",
         "--threads", "1", "--seed", "1"])
    data = os.environ.get("WORDLOOM_DATA") or os.path.join(ARGS.proto_root, "../shared/corpora")
    udhr = os.path.join(data, "udhr_multilingual")
    if os.path.isdir(udhr):
        run([wordloom, "train-language", "--udhr", udhr, "--output", models + "/lang.wlm"])
    elif os.environ.get("CI") == "true":
        raise RuntimeError("CI: $WORDLOOM_DATA/udhr_multilingual is missing")


class Server:
    """wordloomd on 127.0.0.1, any free port; stop() sends SIGTERM."""

    def __init__(self, binary, work, models):
        self.log = open(work + "/wordloomd.log", "w")
        port_file = work + "/ports"
        self.corpus_dir = work + "/corpora"
        self.proc = subprocess.Popen(
            [binary, "--host", "127.0.0.1", "--port", "0", "--http-port", "-1", "--models",
             models, "--corpus-dir", self.corpus_dir, "--state-dir", work + "/state",
             "--threads", "2", "--job-threads", "1", "--port-file", port_file,
             "--job-input-root", work, "--job-output-root", work],
            stderr=self.log)
        deadline = time.time() + 10
        while time.time() < deadline and self.proc.poll() is None:
            if os.path.exists(port_file):
                with open(port_file) as f:
                    parts = f.read().split()
                if parts:
                    self.port = int(parts[0])
                    return
            time.sleep(0.02)
        self.proc.kill()
        raise RuntimeError("wordloomd did not start; see " + self.log.name)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -1


SERVER = None
CHANNEL = None


class ServerTest(unittest.TestCase):
    """Base class: stubs over the one server of this run."""

    def stub(self, module, service):
        grpc_module = importlib.import_module("proto.wordloom.v1.%s_pb2_grpc" % module)
        return getattr(grpc_module, service + "Stub")(CHANNEL)

    def assertCode(self, code, call, *args, **kw):
        import grpc
        with self.assertRaises(grpc.RpcError) as raised:
            call(*args, timeout=20, **kw)
        self.assertEqual(raised.exception.code(), code, raised.exception.details())
        return raised.exception.details()


class TextAnalyticsTest(ServerTest):

    def setUp(self):
        self.ta = pb("text_analytics")
        self.s = self.stub("text_analytics", "TextAnalytics")

    def test_every_single_text_call(self):
        ta, s = self.ta, self.s
        tokens = s.Tokenize(ta.TokenizeRequest(text=TEXT), timeout=20)
        self.assertEqual(tokens.tokens[0].text, "A")
        self.assertEqual(len(tokens.sentences), 4)
        if os.path.exists(ARGS.models + "/lang.wlm"):
            lang = s.DetectDominantLanguage(
                ta.DetectDominantLanguageRequest(text="Der Hund schläft im Garten und die Katze "
                                                      "spielt mit dem Ball."), timeout=20)
            self.assertEqual(lang.languages[0].language_code, "de")
        phrases = s.DetectKeyPhrases(ta.DetectKeyPhrasesRequest(text=TEXT), timeout=20)
        self.assertTrue(phrases.key_phrases)
        topics = s.DetectTopics(ta.DetectTopicsRequest(text="apple banana fruit juice",
                                                       model_id="news"), timeout=20)
        self.assertGreater(topics.topics[0].proportion, 0.6)
        classes = s.ClassifyText(ta.ClassifyTextRequest(text="banana juice", model_id="genre"),
                                 timeout=20)
        self.assertEqual(classes.classes[0].name, "fruit")
        mood = s.DetectSentiment(ta.DetectSentimentRequest(text="A superb film."), timeout=20)
        self.assertEqual(mood.sentiment, pb("common").Sentiment.POSITIVE)
        entities = s.DetectEntities(ta.DetectEntitiesRequest(text=TEXT), timeout=20)
        self.assertIn("Rome", [e.text for e in entities.entities])
        pii = s.DetectPiiEntities(ta.DetectPiiEntitiesRequest(
            text=TEXT, options=ta.PiiOptions(mask_mode=ta.MaskMode.REPLACE_WITH_PII_ENTITY_TYPE)),
            timeout=20)
        self.assertIn("[EMAIL]", pii.redacted_text)
        embed = s.Embed(ta.EmbedRequest(text="apple car", model_id="vecs"), timeout=20)
        self.assertEqual(embed.dimension, 8)
        self.assertEqual(len(embed.embedding), 8)

    def analyze_request(self, text, rid=""):
        ta = self.ta
        features = [ta.Feature.TOKENS, ta.Feature.KEY_PHRASES, ta.Feature.SENTIMENT,
                    ta.Feature.ENTITIES, ta.Feature.EMBEDDING, ta.Feature.TOPICS,
                    ta.Feature.CLASSES, ta.Feature.PII_ENTITIES]
        return ta.AnalyzeRequest(text=text, id=rid, features=features,
                                 models=ta.AnalyzeModels(topics_model_id="news",
                                                         classifier_model_id="genre",
                                                         embedding_model_id="vecs"))

    def test_analyze_equals_the_feature_calls(self):
        ta, s = self.ta, self.s
        all_ = s.Analyze(self.analyze_request(TEXT, "x"), timeout=20)
        self.assertEqual(all_.id, "x")
        self.assertEqual(all_.sentiment, s.DetectSentiment(ta.DetectSentimentRequest(text=TEXT),
                                                           timeout=20))
        self.assertEqual(all_.entities, s.DetectEntities(ta.DetectEntitiesRequest(text=TEXT),
                                                         timeout=20))
        self.assertEqual(all_.key_phrases, s.DetectKeyPhrases(
            ta.DetectKeyPhrasesRequest(text=TEXT), timeout=20))
        self.assertEqual(all_.embedding, s.Embed(ta.EmbedRequest(text=TEXT, model_id="vecs"),
                                                 timeout=20))
        self.assertEqual(all_.tokens, s.Tokenize(ta.TokenizeRequest(text=TEXT), timeout=20))

    def test_analyze_stream_in_order(self):
        requests = [self.analyze_request("%s Take %d." % (TEXT, i), "r%d" % i) for i in range(30)]
        requests[5] = self.ta.AnalyzeRequest(text="", id="r5", features=[self.ta.Feature.TOKENS])
        responses = list(self.s.AnalyzeStream(iter(requests), timeout=60))
        self.assertEqual([r.id for r in responses], ["r%d" % i for i in range(30)])
        self.assertEqual(responses[5].error_code, "INVALID_ARGUMENT")
        self.assertEqual(responses[6].error_code, "")
        self.assertEqual(responses[6], self.s.Analyze(requests[6], timeout=20))

    def test_every_batch_call(self):
        ta, s = self.ta, self.s
        texts = ["A superb film about apple juice.", "", "Mary flew to Rome."]
        for call, request, results in (
                (s.BatchDetectKeyPhrases, ta.BatchDetectKeyPhrasesRequest(text_list=texts), 2),
                (s.BatchDetectSentiment, ta.BatchDetectSentimentRequest(text_list=texts), 2),
                (s.BatchDetectEntities, ta.BatchDetectEntitiesRequest(text_list=texts), 2),
                (s.BatchDetectTopics, ta.BatchDetectTopicsRequest(text_list=texts,
                                                                  model_id="news"), 2),
                (s.BatchClassifyText, ta.BatchClassifyTextRequest(text_list=texts,
                                                                  model_id="genre"), 2)):
            response = call(request, timeout=20)
            self.assertEqual(len(response.result_list), results, call)
            self.assertEqual([e.index for e in response.error_list], [1])
            self.assertEqual(response.error_list[0].error_code, "INVALID_ARGUMENT")
        if os.path.exists(ARGS.models + "/lang.wlm"):
            lang = s.BatchDetectDominantLanguage(
                ta.BatchDetectDominantLanguageRequest(text_list=["Le chat dort sur le canapé."]),
                timeout=20)
            self.assertEqual(lang.result_list[0].languages[0].language_code, "fr")

    def test_error_codes(self):
        import grpc
        ta, s = self.ta, self.s
        self.assertCode(grpc.StatusCode.INVALID_ARGUMENT, s.DetectSentiment,
                        ta.DetectSentimentRequest(text="a" * 5001))
        self.assertCode(grpc.StatusCode.INVALID_ARGUMENT, s.DetectEntities,
                        ta.DetectEntitiesRequest(text="a " * 50001))
        self.assertCode(grpc.StatusCode.INVALID_ARGUMENT, s.BatchDetectSentiment,
                        ta.BatchDetectSentimentRequest(text_list=["ok"] * 26))
        self.assertCode(grpc.StatusCode.NOT_FOUND, s.ClassifyText,
                        ta.ClassifyTextRequest(text="apple", model_id="no-such-model"))
        self.assertCode(grpc.StatusCode.NOT_FOUND, s.Embed,
                        ta.EmbedRequest(text="apple", model_id="no-such-model"))
        self.assertCode(grpc.StatusCode.FAILED_PRECONDITION, s.Embed,
                        ta.EmbedRequest(text="apple", model_id="mood"))

    def test_concurrent_clients(self):
        ta = self.ta
        expected = self.s.DetectSentiment(ta.DetectSentimentRequest(text="A horrible hotel."),
                                          timeout=20)
        expected_analyze = self.s.Analyze(self.analyze_request(TEXT), timeout=20)

        def client(i):
            s = self.stub("text_analytics", "TextAnalytics")
            for _ in range(20):
                if i % 2 == 0:
                    got = s.DetectSentiment(ta.DetectSentimentRequest(text="A horrible hotel."),
                                            timeout=30)
                    if got != expected:
                        return "sentiment differs"
                elif s.Analyze(self.analyze_request(TEXT), timeout=30) != expected_analyze:
                    return "analyze differs"
            return "ok"

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            self.assertEqual(list(pool.map(client, range(8))), ["ok"] * 8)


class ModelsTest(ServerTest):

    def test_list_describe_unload_load(self):
        import grpc
        m = pb("models")
        s = self.stub("models", "Models")
        listed = s.ListModels(m.ListModelsRequest(), timeout=20)
        ids = {info.model_id: info for info in listed.models}
        for wanted in ("vecs", "news", "ner", "mood", "genre"):
            self.assertIn(wanted, ids)
        self.assertEqual(ids["vecs"].kind, m.ModelKind.VECTORS)
        vectors = s.ListModels(m.ListModelsRequest(kind=m.ModelKind.VECTORS), timeout=20)
        self.assertEqual([i.model_id for i in vectors.models], ["vecs"])
        described = s.DescribeModel(m.DescribeModelRequest(model_id="vecs"), timeout=20)
        self.assertEqual(described.model.dimension, 8)
        s.UnloadModel(m.UnloadModelRequest(model_id="genre"), timeout=20)
        loaded = s.LoadModel(m.LoadModelRequest(model_id="genre"), timeout=20)
        self.assertEqual(loaded.model.status, m.ModelStatus.LOADED)
        self.assertCode(grpc.StatusCode.NOT_FOUND, s.DescribeModel,
                        m.DescribeModelRequest(model_id="no-such-model"))


class HealthTest(ServerTest):

    def test_serving(self):
        import health_pb2
        import health_pb2_grpc
        s = health_pb2_grpc.HealthStub(CHANNEL)
        for service in ("", "wordloom.v1.TextAnalytics", "wordloom.v1.Models",
                        "wordloom.v1.Ingest"):
            got = s.Check(health_pb2.HealthCheckRequest(service=service), timeout=20)
            self.assertEqual(got.status, health_pb2.HealthCheckResponse.SERVING, service)


class IngestTest(ServerTest):

    def setUp(self):
        self.ing = pb("ingest")
        self.s = self.stub("ingest", "Ingest")

    def header(self, name, **options):
        return self.ing.IngestRequest(header=self.ing.IngestHeader(
            corpus_name=name, create_if_missing=True, options=self.ing.IngestOptions(**options)))

    def doc(self, i, text):
        return self.ing.IngestRequest(document=self.ing.Document(id=i, text=text,
                                                                 metadata={"n": i}))

    def test_streams_append_and_acknowledge(self):
        def stream(first, count):
            yield self.header("py")
            for i in range(first, first + count):
                yield self.doc("d%d" % i, "apple car %d" % i)
        one = self.s.IngestDocuments(stream(0, 5000), timeout=60)
        self.assertEqual((one.documents_received, one.documents_written), (5000, 5000))
        two = self.s.IngestDocuments(stream(5000, 100), timeout=60)
        self.assertEqual(two.documents_written, 100)
        with open(os.path.join(SERVER.corpus_dir, "py", "MANIFEST")) as f:
            self.assertIn("complete", f.read())

    def test_bad_utf8_document_is_rejected_by_index_and_id(self):
        import grpc
        # Python strings cannot hold ill-formed UTF-8: send serialized bytes.
        bad = self.doc("bad", "cafX au lait").SerializeToString().replace(b"cafX", b"caf\xc3")
        frames = [self.header("utf8").SerializeToString(),
                  self.doc("ok", "fine text").SerializeToString(), bad]
        call = CHANNEL.stream_unary("/wordloom.v1.Ingest/IngestDocuments",
                                    request_serializer=lambda b: b,
                                    response_deserializer=self.ing.IngestResponse.FromString)
        response = call(iter(frames), timeout=20)
        self.assertEqual(response.documents_written, 1)
        self.assertEqual(response.rejections[0].index, 1)
        self.assertEqual(response.rejections[0].document_id, "bad")
        self.assertEqual(response.rejections[0].error_code, "INVALID_ARGUMENT")
        failing = [self.header("utf8", on_error=self.ing.OnError.FAIL).SerializeToString(),
                   bad.replace(b"bad", b"ba2")]
        with self.assertRaises(grpc.RpcError) as raised:
            call(iter(failing), timeout=20)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn('document 0 (id "ba2")', raised.exception.details())

    def test_bad_corpus_names(self):
        import grpc
        for name in ("../escape", "a/b", "", "x" * 129):
            with self.assertRaises(grpc.RpcError) as raised:
                self.s.IngestDocuments(iter([self.header(name)]), timeout=20)
            self.assertEqual(raised.exception.code(), grpc.StatusCode.INVALID_ARGUMENT, name)


GROUPS = (("apple", "banana", "fruit", "orange", "pear", "juice"),
          ("engine", "wheel", "car", "brake", "tyre", "garage"))


def topic_line(i):
    """Document i: eight words of group i % 2."""
    return " ".join(GROUPS[i % 2][(i * 7 + w * 5) % 6] for w in range(8))


class JobsTest(ServerTest):

    def setUp(self):
        self.jobs = pb("jobs")
        self.s = self.stub("jobs", "Jobs")

    def start_topics(self, uri, name, input_format=None):
        j = self.jobs
        out = os.path.join(os.path.dirname(SERVER.corpus_dir), "out-" + name)
        request = j.StartJobRequest(
            job_name=name, kind=j.JobKind.TOPICS_DETECTION,
            input_data_config=j.InputDataConfig(s3_uri=uri, input_format=input_format or 0),
            output_data_config=j.OutputDataConfig(s3_uri="file://" + out),
            parameters=j.JobParameters(topics_detection=j.TopicsDetectionParameters(
                number_of_topics=2, iterations=50, seed=7, min_count=1)))
        response = self.s.StartJob(request, timeout=20)
        self.assertTrue(response.job_id)
        return response.job_id, out

    def watch(self, job_id):
        events = list(self.s.WatchJob(self.jobs.WatchJobRequest(job_id=job_id), timeout=60))
        self.assertTrue(events)
        for e in events:
            self.assertEqual(e.job_id, job_id)
        return events

    def test_topics_job_start_watch_describe_list_stop(self):
        import grpc
        j = self.jobs
        corpus = os.path.join(os.path.dirname(SERVER.corpus_dir), "topics.txt")
        with open(corpus, "w") as f:
            f.write("".join(topic_line(i) + "\n" for i in range(40)))
        job_id, out = self.start_topics("file://" + corpus, "py-topics",
                                        j.InputFormat.ONE_DOC_PER_LINE)
        events = self.watch(job_id)
        self.assertEqual(events[-1].job_status, j.JobStatus.COMPLETED, events[-1].message)
        fractions = [e.progress.fraction for e in events]
        self.assertEqual(fractions, sorted(fractions))
        self.assertAlmostEqual(fractions[-1], 1.0)

        job = self.s.DescribeJob(j.DescribeJobRequest(job_id=job_id), timeout=20).job_properties
        self.assertEqual(job.job_status, j.JobStatus.COMPLETED)
        self.assertEqual(job.kind, j.JobKind.TOPICS_DETECTION)
        self.assertEqual(job.job_name, "py-topics")
        self.assertEqual(job.progress.counters["documents"], 40)
        self.assertTrue(job.HasField("end_time"))
        with open(os.path.join(out, "topic-terms.csv")) as f:
            self.assertEqual(f.readline().strip(), "topic,term,weight")

        listed = self.s.ListJobs(j.ListJobsRequest(filter=j.JobFilter(job_name="py-topics")),
                                 timeout=20).job_properties_list
        self.assertIn(job_id, [p.job_id for p in listed])
        self.assertTrue(all(p.job_name == "py-topics" for p in listed))
        none = self.s.ListJobs(j.ListJobsRequest(filter=j.JobFilter(job_name="no-such-name")),
                               timeout=20)
        self.assertEqual(len(none.job_properties_list), 0)

        details = self.assertCode(grpc.StatusCode.FAILED_PRECONDITION, self.s.StopJob,
                                  j.StopJobRequest(job_id=job_id))
        self.assertIn("COMPLETED", details)

    def test_unknown_job_id_is_not_found(self):
        import grpc
        j = self.jobs
        for call, request in ((self.s.DescribeJob, j.DescribeJobRequest(job_id="job-none")),
                              (self.s.StopJob, j.StopJobRequest(job_id="job-none"))):
            details = self.assertCode(grpc.StatusCode.NOT_FOUND, call, request)
            self.assertIn("job-none", details)
        with self.assertRaises(grpc.RpcError) as raised:
            list(self.s.WatchJob(j.WatchJobRequest(job_id="job-none"), timeout=20))
        self.assertEqual(raised.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_job_over_an_ingested_corpus(self):
        ing = pb("ingest")
        count = 300

        def stream():
            yield ing.IngestRequest(header=ing.IngestHeader(corpus_name="pyjobs",
                                                            create_if_missing=True))
            for i in range(count):
                yield ing.IngestRequest(document=ing.Document(id="d%d" % i, text=topic_line(i)))
        written = self.stub("ingest", "Ingest").IngestDocuments(stream(), timeout=60)
        self.assertEqual(written.documents_written, count)
        job_id, out = self.start_topics("corpus://pyjobs", "py-corpus")
        events = self.watch(job_id)
        self.assertEqual(events[-1].job_status, self.jobs.JobStatus.COMPLETED, events[-1].message)
        job = self.s.DescribeJob(self.jobs.DescribeJobRequest(job_id=job_id),
                                 timeout=20).job_properties
        self.assertEqual(job.progress.counters["documents"], count)
        with open(os.path.join(out, "doc-topics.csv")) as f:
            rows = f.read().splitlines()[1:]
        self.assertEqual(len({r.split(",")[0] for r in rows}), count)


def main():
    global ARGS, SERVER, CHANNEL
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--wordloom", required=True)
    parser.add_argument("--proto-root", required=True)
    ARGS, rest = parser.parse_known_args()
    try:
        import grpc  # noqa: F401
        import google.protobuf  # noqa: F401
    except ImportError as e:
        skip_or_fail("python3-grpcio / python3-protobuf missing: %s" % e)
    if shutil.which("protoc") is None or not os.path.exists("/usr/bin/grpc_python_plugin"):
        skip_or_fail("protoc or /usr/bin/grpc_python_plugin missing (protobuf-compiler-grpc)")
    work = tempfile.mkdtemp(prefix="wordloom_pytest_")
    try:
        gen = os.path.join(work, "gen")
        os.makedirs(gen)
        generate_stubs(ARGS.proto_root, gen)
        ARGS.models = os.path.join(work, "models")
        os.makedirs(ARGS.models)
        train_models(ARGS.wordloom, work, ARGS.models)
        SERVER = Server(ARGS.server, work, ARGS.models)
        import grpc
        CHANNEL = grpc.insecure_channel("127.0.0.1:%d" % SERVER.port)
        result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
        CHANNEL.close()
        stopped = SERVER.stop()
        if stopped != 0:
            print("wordloomd exited with %s" % stopped, file=sys.stderr)
        ok = result.wasSuccessful() and stopped == 0
    finally:
        if SERVER is not None and SERVER.proc.poll() is None:
            SERVER.proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
