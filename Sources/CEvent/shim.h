// libevent 2.1 (core, http, OpenSSL bufferevents, pthreads) headers for Swift.
// Only the HTTPServer target imports this.
#ifndef CEVENT_SHIM_H
#define CEVENT_SHIM_H
/// event2/event-config.h defines _GNU_SOURCE; glibc reads feature macros once, in <features.h>.
/// Including a system header first keeps glibc types (fd_set) identical to those other modules see.
#include <sys/types.h>
#include <event2/event.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#include <event2/thread.h>
#include <event2/util.h>
#endif
