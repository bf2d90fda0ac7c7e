// HTTPServer: one libevent loop thread with its own event_base and evhttp.

import CEvent
import COpenSSL
import Foundation

/// What every loop needs to answer a request: the handler, the body limit and the server's port.
struct RequestDispatch: Sendable {
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let maxBodyBytes: Int
    let localPort: Int
}

/// Owns one `event_base` and the `evhttp` on it (the evhttp is freed first), and runs the base
/// on its own thread. Every loop accepts on every shared listening socket: the kernel wakes the
/// loops and the first `accept` wins, which spreads connections over the loops.
///
/// Callback context ownership: the evhttp callbacks receive `Unmanaged.passUnretained(self)`.
/// That is safe because this object owns the evhttp, and `close()` (or `deinit`) frees the evhttp,
/// after which libevent calls nothing with the pointer, before `self` goes away.
///
/// Thread use: `init`, `accept(on:)` and `close()` run on the lifecycle thread while the loop
/// thread is not running; `requestExit()` may be called from any thread because the base was
/// created after `evthread_use_pthreads()` and so has a lock and a notification pipe.
final class EventLoop: @unchecked Sendable {
    private let base: OpaquePointer
    private let http: OpaquePointer
    private let tls: TLSContext
    private let dispatch: RequestDispatch
    private let finished = DispatchSemaphore(value: 0)
    private var started = false
    private var closed = false

    /// Idle keep-alive connections are closed after this many seconds.
    static let idleTimeoutSeconds: Int32 = 60
    /// The longest request line plus headers libevent accepts.
    static let maxHeaderBytes = 64 << 10

    init(tls: TLSContext, dispatch: RequestDispatch, transportBodyLimit: Int) throws {
        LibeventRuntime.prepare()
        guard let base = event_base_new() else { throw HTTPServerError("event_base_new failed") }
        guard let http = evhttp_new(base) else {
            event_base_free(base)
            throw HTTPServerError("evhttp_new failed")
        }
        self.base = base
        self.http = http
        self.tls = tls
        self.dispatch = dispatch

        evhttp_set_timeout(http, Self.idleTimeoutSeconds)
        evhttp_set_max_headers_size(http, Self.maxHeaderBytes)
        // Above this libevent answers 413 and closes on its own; below it we apply maxBodyBytes.
        evhttp_set_max_body_size(http, transportBodyLimit)
        // libevent would otherwise add "Content-Type: text/html; charset=ISO-8859-1" to responses
        // without one; NULL disables that default (http.c checks default_content_type for NULL).
        evhttp_set_default_content_type(http, nil)
        let methods = [EVHTTP_REQ_GET, EVHTTP_REQ_POST, EVHTTP_REQ_PUT, EVHTTP_REQ_PATCH,
                       EVHTTP_REQ_DELETE, EVHTTP_REQ_HEAD, EVHTTP_REQ_OPTIONS]
        evhttp_set_allowed_methods(http, UInt16(methods.reduce(0) { $0 | $1.rawValue }))

        let context = Unmanaged.passUnretained(self).toOpaque()
        // Called for each accepted connection, before the fd is known: libevent then sets the fd
        // with bufferevent_setfd, which for an OpenSSL bufferevent attaches a socket BIO and starts
        // the server handshake (BUFFEREVENT_SSL_ACCEPTING).
        evhttp_set_bevcb(http, { base, context in
            guard let base, let context else { return nil }
            return Unmanaged<EventLoop>.fromOpaque(context).takeUnretainedValue().makeTLSBufferEvent(on: base)
        }, context)
        // Called once per complete request (headers and whole body read).
        evhttp_set_gencb(http, { request, context in
            guard let request, let context else { return }
            Unmanaged<EventLoop>.fromOpaque(context).takeUnretainedValue().respond(to: request)
        }, context)
    }

    /// Adds a listener for the shared socket to this loop's evhttp.
    func accept(on socket: ListeningSocket) throws {
        // Not evhttp_accept_socket: it sets LEV_OPT_CLOSE_ON_FREE, and the descriptor is shared by
        // every loop and closed once by ListeningSocket. Backlog 0 means "listen() was already called".
        guard let listener = evconnlistener_new(base, nil, nil, UInt32(LEV_OPT_CLOSE_ON_EXEC), 0, socket.descriptor) else {
            throw HTTPServerError("evconnlistener_new failed for \(ListeningSocket.display(socket.address, socket.port))")
        }
        // On success the evhttp owns the listener and frees it in evhttp_free.
        guard evhttp_bind_listener(http, listener) != nil else {
            evconnlistener_free(listener)
            throw HTTPServerError("evhttp_bind_listener failed")
        }
    }

    /// Starts the loop thread.
    func start(name: String) {
        started = true
        let thread = Thread { [self] in
            // EVLOOP_NO_EXIT_ON_EMPTY: run until event_base_loopexit, even with nothing registered.
            // Returns -1 only when the epoll backend itself fails.
            if event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY) == -1 {
                FileHandle.standardError.write(Data("HTTPSServer: event loop \(name) stopped on a backend error\n".utf8))
            }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Asks the loop to return after the callbacks already running; callable from any thread.
    func requestExit() {
        guard started else { return }
        event_base_loopexit(base, nil)
    }

    /// Waits until the loop thread has left `event_base_loop`.
    func join() {
        guard started else { return }
        finished.wait()
        started = false
    }

    /// Frees the evhttp (its listeners and open connections) then the base; only after `join()`.
    func close() {
        guard !closed else { return }
        precondition(!started, "EventLoop.close() while its thread runs")
        closed = true
        evhttp_free(http)
        // event_base_free also runs pending finalizers, which release freed bufferevents and SSLs.
        event_base_free(base)
    }

    deinit { close() }

    /// A server-side OpenSSL bufferevent without fd; libevent owns it from here on.
    private func makeTLSBufferEvent(on base: OpaquePointer) -> OpaquePointer? {
        // On SSL_new failure (out of memory) returning nil makes libevent fall back to a plain
        // socket bufferevent, which then fails the TLS client's handshake: no data is exposed.
        guard let ssl = tls.makeConnection() else { return nil }
        // BEV_OPT_CLOSE_ON_FREE: freeing the bufferevent frees the SSL and closes the socket.
        // BEV_OPT_DEFER_CALLBACKS: callbacks run from the loop, not re-entrantly inside OpenSSL I/O.
        let options = Int32(BEV_OPT_CLOSE_ON_FREE.rawValue | BEV_OPT_DEFER_CALLBACKS.rawValue)
        guard let event = bufferevent_openssl_socket_new(base, -1, ssl, BUFFEREVENT_SSL_ACCEPTING, options) else {
            SSL_free(ssl)   // bufferevent_openssl_socket_new leaves the SSL to the caller on failure
            return nil
        }
        // Clients often close without close_notify; treat that as EOF, not as an error.
        bufferevent_openssl_set_allow_dirty_shutdown(event, 1)
        return event
    }

    /// Converts, enforces the body limit, calls the handler and sends its answer.
    private func respond(to request: OpaquePointer) {
        let response: HTTPResponse
        if EvhttpBridge.bodyLength(of: request) > dispatch.maxBodyBytes {
            response = .bodyTooLarge(limit: dispatch.maxBodyBytes)
        } else {
            response = dispatch.handler(EvhttpBridge.makeRequest(from: request, localPort: dispatch.localPort))
        }
        EvhttpBridge.send(response, to: request)
    }
}

/// Process-wide libevent and signal setup, done once before the first event_base.
enum LibeventRuntime {
    private static let ready: Bool = {
        // Must precede event_base_new so bases get locks and cross-thread wakeups (event2/thread.h).
        let threads = evthread_use_pthreads() == 0
        // A peer closing mid-write would otherwise kill the process with SIGPIPE: OpenSSL's socket
        // BIO writes with send() without MSG_NOSIGNAL. Ignoring it turns that into EPIPE.
        signal(SIGPIPE, SIG_IGN)
        return threads
    }()

    static func prepare() { _ = ready }
}
