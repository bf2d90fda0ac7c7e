// libcurl headers for Swift. Only the HTTPClient target imports this.
// curl_easy_setopt and curl_easy_getinfo are variadic, so each argument type gets a wrapper.
#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
#include <curl/curl.h>

/// curl_easy_setopt with a long argument.
static inline CURLcode shim_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
/// curl_easy_setopt with a string argument (libcurl copies strings since 7.17).
static inline CURLcode shim_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
/// curl_easy_setopt with a pointer argument (slists, user data, POSTFIELDS that must outlive the transfer).
static inline CURLcode shim_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
/// curl_easy_setopt with a write or header callback.
static inline CURLcode shim_curl_setopt_write_callback(CURL *h, CURLoption o, size_t (*cb)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(h, o, cb);
}
/// curl_easy_getinfo returning a long.
static inline CURLcode shim_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
#endif
