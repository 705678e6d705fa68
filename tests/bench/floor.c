/* The floor under any benchmark client's CPU per request: the same load as vs-memtier.sh's
 * (SET:GET 1:10, random keys bench:0..KEYS-1, 64-byte values, CONNS connections on one thread,
 * PIPELINE requests in flight per connection), with nothing done in user space beyond writing
 * the commands and counting the replies: no latency, no statistics, no timeouts. Its system
 * calls are a client's least: one send and one recv per connection per batch, and one
 * epoll_wait for every batch of ready connections. What it costs is what the kernel costs.
 *
 * Build: cc -O2 -o floor tests/bench/floor.c
 * Usage: floor PORT CONNS PIPELINE REQUESTS [KEYS]   (prints the requests answered)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF 65536

struct conn {
    int fd;
    char in[BUF];
    size_t have;
    long want, got;
};

static unsigned long long seed = 88172645463325252ULL;
static long keys = 100000, sent_no = 0;

static unsigned long long next(void) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static size_t command(char *out) {
    char key[32];
    int klen = snprintf(key, sizeof key, "bench:%llu", next() % (unsigned long long)keys);
    if (sent_no++ % 11 == 0)
        return (size_t)sprintf(out, "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$64\r\n"
                               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n",
                               klen, key);
    return (size_t)sprintf(out, "*2\r\n$3\r\nGET\r\n$%d\r\n%s\r\n", klen, key);
}

/* Counts the whole replies at the start of buf (GET and SET answer bulk, nil or status);
 * returns the bytes they take. */
static size_t replies(const char *buf, size_t len, long *count) {
    size_t pos = 0;
    for (;;) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        if (!nl) return pos;
        size_t line_end = (size_t)(nl - buf) + 1, end = line_end;
        if (buf[pos] == '$') {
            long n = strtol(buf + pos + 1, NULL, 10);
            if (n >= 0) end += (size_t)n + 2;
        }
        if (end > len) return pos;
        pos = end;
        (*count)++;
    }
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void send_batch(struct conn *c, long pipeline) {
    static char out[BUF];
    size_t len = 0;
    for (long i = 0; i < pipeline; i++) len += command(out + len);
    c->want = pipeline;
    c->got = 0;
    for (size_t off = 0; off < len;) {
        ssize_t n = send(c->fd, out + off, len - off, 0);
        if (n < 0) die("send");
        off += (size_t)n;
    }
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: floor PORT CONNS PIPELINE REQUESTS [KEYS]\n");
        return 2;
    }
    int port = atoi(argv[1]);
    long conns = atol(argv[2]), pipeline = atol(argv[3]), total = atol(argv[4]);
    if (argc > 5) keys = atol(argv[5]);
    if (conns < 1 || pipeline < 1 || pipeline > 256 || total < 1 || keys < 1) {
        fprintf(stderr, "floor: bad arguments\n");
        return 2;
    }
    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    struct conn *cs = calloc((size_t)conns, sizeof *cs);
    if (!cs) die("calloc");
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    long issued = 0, done = 0;
    for (long i = 0; i < conns; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        if (fd < 0) die("socket");
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        cs[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &cs[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
        if (issued < total) {
            send_batch(&cs[i], pipeline);
            issued += pipeline;
        }
    }
    struct epoll_event evs[256];
    while (done < issued) {
        int n = epoll_wait(ep, evs, 256, 5000);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        if (n == 0) {
            fprintf(stderr, "floor: no reply for 5 s\n");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            ssize_t r = recv(c->fd, c->in + c->have, BUF - c->have, 0);
            if (r <= 0) die("recv");
            c->have += (size_t)r;
            size_t used = replies(c->in, c->have, &c->got);
            memmove(c->in, c->in + used, c->have - used);
            c->have -= used;
            if (c->got >= c->want) {
                done += c->want;
                if (issued < total) {
                    send_batch(c, pipeline);
                    issued += pipeline;
                }
            }
        }
    }
    printf("%ld\n", done);
    return 0;
}
