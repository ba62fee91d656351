#pragma once
// A DNS server on 127.0.0.1 for tests of the DNS key resolver: UDP and TCP on one port,
// answering TXT questions from a table (RFC 1035 4.1 messages, 4.2.2 TCP length prefix). UDP
// answers longer than 512 bytes are sent truncated (TC, RFC 1035 4.2.1) so that the client
// asks again over TCP. Names not in the table are NXDOMAIN. Test code only: it binds loopback
// and never sends anywhere else.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lg::testing {

class LoopbackDnsServer {
 public:
  enum class Reply { kTxt, kNxDomain, kServFail, kSilent };

  LoopbackDnsServer() {
    // Bind UDP to a free port, then TCP to the same one (a few tries if it is taken).
    for (int attempt = 0; attempt < 20 && tcp_ < 0; ++attempt) {
      close_fds();
      udp_ = socket(AF_INET, SOCK_DGRAM, 0);
      sockaddr_in a = loopback(0);
      if (udp_ < 0 || bind(udp_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) continue;
      socklen_t len = sizeof a;
      if (getsockname(udp_, reinterpret_cast<sockaddr*>(&a), &len) != 0) continue;
      port_ = ntohs(a.sin_port);
      int t = socket(AF_INET, SOCK_STREAM, 0);
      int one = 1;
      setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      if (t >= 0 && bind(t, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && listen(t, 4) == 0)
        tcp_ = t;
      else if (t >= 0)
        close(t);
    }
    if (tcp_ >= 0) thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackDnsServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    close_fds();
  }
  LoopbackDnsServer(const LoopbackDnsServer&) = delete;
  LoopbackDnsServer& operator=(const LoopbackDnsServer&) = delete;

  bool running() const { return thread_.joinable(); }
  std::uint16_t port() const { return port_; }
  /// Answers TXT questions for `name` (lower case, no trailing dot) with one record made of
  /// `strings` (each at most 255 bytes).
  void add_txt(const std::string& name, std::vector<std::string> strings) {
    std::lock_guard<std::mutex> lock(mu_);
    table_[name] = {Reply::kTxt, std::move(strings)};
  }
  void set_reply(const std::string& name, Reply r) {
    std::lock_guard<std::mutex> lock(mu_);
    table_[name] = {r, {}};
  }
  int udp_queries() const { return udp_queries_; }
  int tcp_queries() const { return tcp_queries_; }

 private:
  struct Entry {
    Reply reply = Reply::kNxDomain;
    std::vector<std::string> strings;
  };

  static sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
  }
  void close_fds() {
    if (udp_ >= 0) close(udp_);
    if (tcp_ >= 0) close(tcp_);
    udp_ = tcp_ = -1;
  }
  static void put16(std::string& out, unsigned v) {
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
    out.push_back(static_cast<char>(v & 0xFF));
  }

  // The answer to `q`, or "" for none (malformed question, or a silent name).
  std::string answer(const std::string& q, bool udp) {
    if (q.size() < 12) return {};
    std::size_t at = 12;
    std::string name;
    for (int labels = 0; labels < 128 && at < q.size(); ++labels) {
      const auto len = static_cast<unsigned char>(q[at++]);
      if (len == 0) break;
      if (len > 63 || at + len > q.size()) return {};
      if (!name.empty()) name.push_back('.');
      for (std::size_t i = 0; i < len; ++i)
        name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(q[at + i]))));
      at += len;
    }
    if (at + 4 > q.size()) return {};
    const bool txt = q[at] == 0 && q[at + 1] == 16;
    at += 4;
    Entry e;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = table_.find(name); it != table_.end()) e = it->second;
    }
    if (e.reply == Reply::kSilent) return {};
    const unsigned rcode = e.reply == Reply::kNxDomain ? 3 : e.reply == Reply::kServFail ? 2 : 0;
    std::string rdata;
    if (e.reply == Reply::kTxt) {
      for (const auto& s : e.strings) {
        rdata.push_back(static_cast<char>(s.size()));
        rdata += s;
      }
    }
    const bool has_answer = txt && e.reply == Reply::kTxt && !e.strings.empty();
    std::string out = q.substr(0, 2);  // ID
    const unsigned rd = static_cast<unsigned char>(q[2]) & 0x01;
    auto header = [&](bool tc, unsigned ancount) {
      out.resize(2);
      out.push_back(static_cast<char>(0x84 | (tc ? 0x02 : 0) | rd));  // QR, AA
      out.push_back(static_cast<char>(0x80 | rcode));                 // RA
      put16(out, 1);
      put16(out, ancount);
      put16(out, 0);
      put16(out, 0);
      out += q.substr(12, at - 12);  // the question
    };
    header(false, has_answer ? 1 : 0);
    if (has_answer) {
      put16(out, 0xC00C);  // the question's name
      put16(out, 16);      // TXT
      put16(out, 1);       // IN
      put16(out, 0);
      put16(out, 60);  // TTL
      put16(out, static_cast<unsigned>(rdata.size()));
      out += rdata;
    }
    if (udp && out.size() > 512) header(true, 0);
    return out;
  }

  void serve_tcp(int conn) {
    // One connection at a time, each query bounded by a short poll.
    for (int queries = 0; queries < 8 && !stop_; ++queries) {
      std::string q;
      std::size_t want = 2;
      bool have_length = false;
      while (q.size() < want) {
        pollfd p{conn, POLLIN, 0};
        if (poll(&p, 1, 2000) <= 0) return;
        char buf[4096];
        const ssize_t n = read(conn, buf, std::min(sizeof buf, want - q.size()));
        if (n <= 0) return;
        q.append(buf, static_cast<std::size_t>(n));
        if (!have_length && q.size() == 2) {
          want = 2 + ((static_cast<unsigned char>(q[0]) << 8) | static_cast<unsigned char>(q[1]));
          have_length = true;
        }
      }
      ++tcp_queries_;
      std::string a = answer(q.substr(2), false);
      if (a.empty()) return;
      std::string framed;
      put16(framed, static_cast<unsigned>(a.size()));
      framed += a;
      if (write(conn, framed.data(), framed.size()) != static_cast<ssize_t>(framed.size())) return;
    }
  }

  void serve() {
    while (!stop_) {
      pollfd fds[2] = {{udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
      if (poll(fds, 2, 50) <= 0) continue;
      if (fds[0].revents & POLLIN) {
        char buf[4096];
        sockaddr_in from{};
        socklen_t len = sizeof from;
        const ssize_t n =
            recvfrom(udp_, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
        if (n > 0) {
          ++udp_queries_;
          std::string a = answer(std::string(buf, static_cast<std::size_t>(n)), true);
          if (!a.empty())
            sendto(udp_, a.data(), a.size(), 0, reinterpret_cast<sockaddr*>(&from), len);
        }
      }
      if (fds[1].revents & POLLIN) {
        const int conn = accept(tcp_, nullptr, nullptr);
        if (conn >= 0) {
          serve_tcp(conn);
          close(conn);
        }
      }
    }
  }

  int udp_ = -1;
  int tcp_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> udp_queries_{0};
  std::atomic<int> tcp_queries_{0};
  std::mutex mu_;
  std::map<std::string, Entry> table_;
  std::thread thread_;
};

}  // namespace lg::testing
