// `kioskctl bench fleet --kiosks N`: N simulated kiosks (each a real MQTT client on its own
// thread, with its own certificate) against a local mosquitto running the shipped configuration
// and a local nginx serving a content channel: the connect storm, health reports, the fleet's
// status read back, a kiosk killed and seen offline, channel polls answered 304, and one new pack
// fetched and checked by every kiosk. Figures only (docs/fleet.md gives the reading).
//
// libmosquitto 2.0's network loop uses pselect(), which cannot watch a descriptor above 1023, and
// each client holds three: the simulated kiosks run in groups of 250, a process each, driven by
// the bench over pipes ("start", "health N", "kill", "quit"; one line back for each).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/http.hpp"
#include "content/channel.hpp"
#include "content/pack.hpp"
#include "content/synthetic.hpp"
#include "fleet/agent.hpp"
#include "fleet/operator.hpp"
#include "fleet/topics.hpp"
#include "rig/https_server.hpp"
#include "rig/local_process.hpp"
#include "rig/mqtt_broker.hpp"

namespace kioskctl {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace kf = kiosk::fleet;

namespace {

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Every kiosk holds a socket and libmosquitto a pair more; the broker (our child) inherits this.
void raise_file_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

// Runs job(i) for i in [0, n) on `workers` threads.
template <class Job>
void fan_out(int n, int workers, Job job) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w)
    pool.emplace_back([&] {
      for (int i = next++; i < n; i = next++) job(i);
    });
  for (auto& t : pool) t.join();
}

struct Poll {
  int status = 0;
  std::string etag, body;
};

Poll get(const std::string& url, const std::string& ca, const std::string& etag) {
  kiosk::http::Request rq{"GET", url, {}, {}};
  if (!etag.empty()) rq.headers.push_back("If-None-Match: " + etag);
  kiosk::http::Options o;
  o.ca_bundle = ca;
  o.connect_timeout = std::chrono::seconds(10);
  o.total_timeout = std::chrono::seconds(60);
  const auto r = kiosk::http::perform(rq, o);
  if (const auto* ok = std::get_if<kiosk::http::Response>(&r)) return {static_cast<int>(ok->status), ok->etag, ok->body};
  return {};
}


constexpr int kGroupSize = 250;

struct GroupSpec {
  int first = 0, last = 0;
  const std::vector<std::string>* ids = nullptr;
  const std::vector<kiosk::rig::CertFiles>* certs = nullptr;
  kf::BrokerAddress broker;
  std::string center;
  kiosk::content::PublicKey fleet_pub{};
};

// A group of simulated kiosks in a child process: answers the bench's commands until "quit".
int run_group(const GroupSpec& g, FILE* in, FILE* out) {
  std::ostringstream null_sink;
  kiosk::Logger log(null_sink, kiosk::LogLevel::Error);
  std::vector<std::unique_ptr<kf::FleetAgent>> agents;
  char line[128];
  while (std::fgets(line, sizeof line, in)) {
    const std::string cmd(line);
    if (cmd.rfind("start", 0) == 0) {
      // From before the first connect: each client's TCP connect is made as it is created.
      const auto t0 = Clock::now();
      for (int i = g.first; i < g.last; ++i) {
        kf::AgentConfig c;
        c.broker = g.broker;
        c.tls = {(*g.certs)[i].ca, (*g.certs)[i].cert, (*g.certs)[i].key};
        c.center = g.center;
        c.kiosk_id = (*g.ids)[i];
        c.fleet_keys = {g.fleet_pub};
        c.health_every = std::chrono::seconds(1);
        agents.push_back(std::make_unique<kf::FleetAgent>(c, log, kf::FleetAgent::HealthSource{}, std::function<void()>{}));
      }
      const int n = static_cast<int>(agents.size());
      int connected = 0;
      long half_ms = -1, most_ms = -1;  // when half, and 95 %, of the group were connected
      while (since(t0) < 180) {
        connected = 0;
        for (const auto& a : agents) connected += a->connected();
        const long ms = static_cast<long>(since(t0) * 1000);
        if (half_ms < 0 && connected * 2 >= n) half_ms = ms;
        if (most_ms < 0 && connected * 100 >= n * 95) most_ms = ms;
        if (connected == n) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      std::fprintf(out, "%d %ld %ld\n", connected, half_ms, most_ms);
    } else if (cmd.rfind("health", 0) == 0) {
      const int round = std::atoi(cmd.c_str() + 6);
      const auto round_start = Clock::now();
      const int n = static_cast<int>(agents.size());
      for (int i = 0; i < n; ++i) {
        agents[i]->publish_health({{"content_version", "bench 1.0.0"},
                                   {"checks", {{"printer", {{"level", "ok"}, {"detail", "sẵn sàng, giấy còn"}}},
                                               {"outbox", {{"level", "ok"}, {"detail", std::to_string(round) + " chờ gửi"}}}}},
                                   {"last_error", ""}});
        // Spread over the 5 s, as real kiosks' timers are.
        std::this_thread::sleep_until(round_start + std::chrono::microseconds(5'000'000LL * (i + 1) / n));
      }
      std::fprintf(out, "%d\n", n);
    } else if (cmd.rfind("kill", 0) == 0) {
      if (!agents.empty()) agents.front()->kill();
      std::fprintf(out, "1\n");
    } else if (cmd.rfind("quit", 0) == 0) {
      agents.clear();
      std::fprintf(out, "0\n");
      std::fflush(out);
      return 0;
    }
    std::fflush(out);
  }
  return 0;
}

struct Group {
  int pid = -1;
  FILE* to = nullptr;
  FILE* from = nullptr;
};

// Forked before the bench starts any thread of its own.
Group start_group(const GroupSpec& spec) {
  int down[2], up[2];
  if (pipe(down) != 0 || pipe(up) != 0) throw std::runtime_error("pipe failed");
  const int pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    FILE* in = fdopen(down[0], "r");
    FILE* out = fdopen(up[1], "w");
    std::fflush(nullptr);
    _exit(run_group(spec, in, out));
  }
  close(down[0]);
  close(up[1]);
  return {pid, fdopen(down[1], "w"), fdopen(up[0], "r")};
}

void send_all(std::vector<Group>& groups, const std::string& cmd) {
  for (auto& g : groups) {
    std::fputs((cmd + "\n").c_str(), g.to);
    std::fflush(g.to);
  }
}

int reply(Group& g) {
  char line[64];
  if (!std::fgets(line, sizeof line, g.from)) throw std::runtime_error("a group of simulated kiosks died");
  return std::atoi(line);
}

int sum_replies(std::vector<Group>& groups) {
  int total = 0;
  for (auto& g : groups) total += reply(g);
  return total;
}

}  // namespace

void register_fleet_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("fleet", "N simulated kiosks against a local mosquitto and nginx: figures for the fleet");
  auto kiosks = std::make_shared<int>(100);
  auto health_seconds = std::make_shared<int>(20);
  auto procedures = std::make_shared<int>(2000);
  auto http_workers = std::make_shared<int>(32);
  auto pack = std::make_shared<std::string>();
  auto pack_key = std::make_shared<std::string>();
  cmd->add_option("--kiosks", *kiosks, "Simulated kiosks")->check(CLI::Range(2, 5000));
  cmd->add_option("--health-seconds", *health_seconds, "How long every kiosk reports its health (each every 5 s)")->check(CLI::Range(5, 600));
  cmd->add_option("--procedures", *procedures, "Procedures in the pack every kiosk fetches")->check(CLI::Range(10, 20000));
  cmd->add_option("--http-workers", *http_workers, "Kiosks polling the channel at the same moment")->check(CLI::Range(1, 256));
  cmd->add_option("--pack", *pack, "The new pack every kiosk fetches (default: a synthetic one)")->check(CLI::ExistingFile);
  cmd->add_option("--pack-key", *pack_key, "The secret key that signed --pack")->check(CLI::ExistingFile);
  cmd->callback([&action, kiosks, health_seconds, procedures, http_workers, pack, pack_key] {
    action = [=] {
      if (pack->empty() != pack_key->empty()) throw std::runtime_error("--pack and --pack-key go together");
      const int n = *kiosks;
      raise_file_limit();
      kiosk::files::TempDir work;
      const std::string center = "bench-center";

      kiosk::rig::MqttBroker broker;
      kiosk::rig::HttpsServer web;
      std::vector<std::string> ids;
      for (int i = 0; i < n; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "kiosk-%04d", i);
        ids.emplace_back(id);
      }
      auto t0 = Clock::now();
      std::vector<std::string> names;  // what each kiosk's certificate is issued to
      for (const auto& id : ids) names.push_back(center + "/" + id);
      const auto certs = broker.clients(names);
      const double certs_s = since(t0);
      const auto op = broker.client("fleet-operator");
      const kf::OperatorLink link{kf::parse_broker_url(broker.url()), {op.ca, op.cert, op.key}, center};
      const auto fleet_key = kiosk::content::generate_keypair();
      const auto content_key = kiosk::content::generate_keypair();
      // The pack the fleet holds, and the new one (a synthetic one unless --pack names it).
      for (const std::string v : {"1.0.0", "2.0.0"}) {
        if (v == "2.0.0" && !pack->empty()) break;
        kiosk::content::write_synthetic_source(work.path() / v, *procedures, 7, v);
        kiosk::content::build_pack(work.path() / v, work.path() / (v + ".kpack"), content_key.secret);
      }
      kiosk::content::publish_pack(work.path() / "1.0.0.kpack", web.root(), content_key.secret, "stable", 100);
      const fs::path new_pack = pack->empty() ? work.path() / "2.0.0.kpack" : fs::path(*pack);
      const auto new_key = pack->empty() ? content_key.secret : kiosk::content::read_secret_key(*pack_key);
      const std::vector<kiosk::content::PublicKey> trusted = {content_key.pub, kiosk::content::public_half(new_key)};

      // The connect storm: every kiosk at once, as after a power cut at the center.
      std::vector<Group> groups;
      for (int first = 0; first < n; first += kGroupSize)
        groups.push_back(start_group({first, std::min(n, first + kGroupSize), &ids, &certs, link.broker, center, fleet_key.pub}));
      const double cpu_before_storm = kiosk::rig::cpu_seconds(broker.pid());
      t0 = Clock::now();
      send_all(groups, "start");
      int connected = 0;
      long half_ms = 0, most_ms = 0;  // the slowest group's: an upper bound for the fleet
      for (auto& g : groups) {
        char line[96];
        if (!std::fgets(line, sizeof line, g.from)) throw std::runtime_error("a group of simulated kiosks died");
        int c = 0;
        long h = 0, m = 0;
        std::sscanf(line, "%d %ld %ld", &c, &h, &m);
        connected += c;
        half_ms = std::max(half_ms, h);
        most_ms = std::max(most_ms, m);
      }
      const double connect_s = since(t0);
      const double storm_cpu_s = kiosk::rig::cpu_seconds(broker.pid()) - cpu_before_storm;
      int refused_handshakes = 0;
      {
        std::istringstream broker_log(broker.log());
        for (std::string l; std::getline(broker_log, l);) refused_handshakes += l.find("failed") != std::string::npos || l.find("error") != std::string::npos;
      }
      const double rss_connected = kiosk::rig::rss_mb(broker.pid());

      // Health: every kiosk a changed report every 5 s, for health_seconds.
      const double cpu0 = kiosk::rig::cpu_seconds(broker.pid());
      t0 = Clock::now();
      int reports = 0;
      for (int round = 0; round * 5 < *health_seconds; ++round) {
        send_all(groups, "health " + std::to_string(round));
        reports += sum_replies(groups);
      }
      const double health_s = since(t0);
      const double broker_cpu_pct = 100.0 * (kiosk::rig::cpu_seconds(broker.pid()) - cpu0) / health_s;
      const double broker_rss = kiosk::rig::rss_mb(broker.pid());

      // The fleet's status as IT reads it.
      t0 = Clock::now();
      const auto rows = kf::read_fleet_status(link, std::chrono::milliseconds(500));
      const double status_s = since(t0);
      int status_online = 0;
      for (const auto& r : rows) status_online += r.status == "online";

      // A kiosk loses power: how long until the fleet sees it offline.
      std::mutex mu;
      std::condition_variable cv;
      bool offline = false;
      kf::MqttClient watcher("bench-watcher", true, link.tls, std::nullopt,
                             {[&] { }, {}, [&](const std::string&, std::string_view payload, bool retained) {
                                if (retained || payload != "offline") return;
                                std::lock_guard lock(mu);
                                offline = true;
                                cv.notify_all();
                              }},
                             30);
      watcher.start(link.broker);
      for (int i = 0; i < 200 && !watcher.connected(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      watcher.subscribe(kf::topic(center, ids[0], "status"), 1);
      watcher.wait_subscribed(1, std::chrono::seconds(5));
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      t0 = Clock::now();
      std::fputs("kill\n", groups.front().to);
      std::fflush(groups.front().to);
      reply(groups.front());
      double offline_s = -1;
      {
        std::unique_lock lock(mu);
        if (cv.wait_for(lock, std::chrono::seconds(120), [&] { return offline; })) offline_s = since(t0);
      }

      // Channel polls: each kiosk once to learn the ETag, then again: a 304.
      const std::string channel = web.url("stable.json");
      const std::string ca = web.ca_bundle();
      std::vector<std::string> etags(n);
      fan_out(n, *http_workers, [&](int i) { etags[i] = get(channel, ca, "").etag; });
      std::atomic<int> not_modified{0};
      t0 = Clock::now();
      fan_out(n, *http_workers, [&](int i) { not_modified += get(channel, ca, etags[i]).status == 304; });
      const double polls_s = since(t0);

      // A new pack: every kiosk reads the changed channel, fetches the pack and checks its hash.
      const auto entry = kiosk::content::publish_pack(new_pack, web.root(), new_key, "stable", 100);
      std::atomic<int> holding{0};
      std::atomic<uint64_t> bytes{0};
      const double web_cpu0 = kiosk::rig::cpu_seconds(web.pid());
      t0 = Clock::now();
      fan_out(n, *http_workers, [&](int i) {
        const Poll p = get(channel, ca, etags[i]);
        if (p.status != 200) return;
        const auto e = kiosk::content::parse_channel(p.body, trusted);
        const fs::path part = work.path() / ("k" + std::to_string(i) + ".part");
        kiosk::http::Options o;
        o.ca_bundle = ca;
        o.connect_timeout = std::chrono::seconds(10);
        o.total_timeout = std::chrono::seconds(120);
        const auto r = kiosk::http::download({"GET", web.url(e.file), {}, {}}, part, e.size, o);
        if (std::holds_alternative<kiosk::http::Response>(r)) {
          kiosk::content::Sha256 h;
          const std::string body = kiosk::files::read_file(part);
          h.update(body.data(), body.size());
          if (h.hex() == e.sha256) ++holding;
          bytes += body.size();
        }
        fs::remove(part);
      });
      const double rollout_s = since(t0);
      const double web_cpu_pct = 100.0 * (kiosk::rig::cpu_seconds(web.pid()) - web_cpu0) / rollout_s;
      send_all(groups, "quit");
      sum_replies(groups);
      for (auto& g : groups) {
        std::fclose(g.to);
        std::fclose(g.from);
        waitpid(g.pid, nullptr, 0);
      }

      json j = {{"kiosks", n},
                {"connected", connected},
                {"connect_storm_s", connect_s},
                {"connect_half_s", half_ms / 1000.0},
                {"connect_95_s", most_ms / 1000.0},
                {"broker_connection_errors", refused_handshakes},
                {"broker_cpu_s_connect_storm", storm_cpu_s},
                {"client_certificates_s", certs_s},
                {"broker_rss_mb", broker_rss},
                {"broker_rss_connected_mb", rss_connected},
                {"broker_cpu_percent", broker_cpu_pct},
                {"health_reports", reports},
                {"health_reports_per_s", reports / health_s},
                {"status_read_s", status_s},
                {"status_kiosks", rows.size()},
                {"status_online", status_online},
                {"offline_detect_s", offline_s},
                {"polls_304", not_modified.load()},
                {"polls_per_s", n / polls_s},
                {"pack_bytes", entry.size},
                {"pack_rollout_s", rollout_s},
                {"kiosks_holding_pack", holding.load()},
                {"bytes_moved_mb", static_cast<double>(bytes.load()) / (1024.0 * 1024.0)},
                {"nginx_cpu_percent_during_rollout", web_cpu_pct},
                {"http_workers", *http_workers}};
      std::ostringstream t;
      t.setf(std::ios::fixed);
      t.precision(2);
      t << "fleet benchmark: " << n << " kiosks (mosquitto TLS + ACL, nginx TLS), " << *http_workers << " polling at once\n"
        << "  connect storm:  " << connected << "/" << n << " connected in " << connect_s << " s (half by " << half_ms / 1000.0
        << " s, 95 % by " << most_ms / 1000.0 << " s; " << refused_handshakes << " connections failed and were retried;\n"
        << "                  the broker spent " << storm_cpu_s << " s of CPU on the TLS handshakes)\n"
        << "  broker:         " << broker_rss << " MB resident, " << broker_cpu_pct << " % CPU while " << reports / health_s
        << " health reports/s arrive\n"
        << "  fleet status:   " << rows.size() << " kiosks (" << status_online << " online) read in " << status_s << " s\n"
        << "  killed kiosk:   offline after " << offline_s * 1000 << " ms (connection dropped; a silent one: keepalive 60 s x 1.5)\n"
        << "  channel polls:  " << not_modified.load() << "/" << n << " answered 304, " << n / polls_s << " polls/s\n"
        << "  new pack:       " << holding.load() << "/" << n << " kiosks hold the " << entry.size / 1024 << " KiB pack after " << rollout_s
        << " s (" << static_cast<double>(bytes.load()) / (1024.0 * 1024.0) / rollout_s << " MB/s, nginx " << web_cpu_pct << " % CPU)\n";
      return Output{t.str(), j};
    };
  });
}

}  // namespace kioskctl
