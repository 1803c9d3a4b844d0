/* LD_PRELOAD shim for the test pcscd: vpcd (vsmartcard 3.3) binds its card port to INADDR_ANY,
 * and the project's rule is that tests listen on 127.0.0.1 only. This turns every IPv4 bind()
 * of the process into a bind to 127.0.0.1 on the same port. Built by tests/pcsc/fixtures.py. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    static int (*next_bind)(int, const struct sockaddr *, socklen_t);
    if (!next_bind)
        next_bind = (int (*)(int, const struct sockaddr *, socklen_t)) dlsym(RTLD_NEXT, "bind");
    if (addr && addr->sa_family == AF_INET && len >= (socklen_t) sizeof(struct sockaddr_in)) {
        struct sockaddr_in loopback;
        memcpy(&loopback, addr, sizeof loopback);
        loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return next_bind(fd, (const struct sockaddr *) &loopback, sizeof loopback);
    }
    return next_bind(fd, addr, len);
}
