// Shim for libcurl (Debian: libcurl4-openssl-dev).
// curl_easy_setopt and curl_easy_getinfo are variadic; Swift calls these typed wrappers instead.
#include <curl/curl.h>
// The I/O loop waits on curl's sockets with epoll and is woken through an eventfd (not in Swift's Glibc module).
#include <sys/epoll.h>
#include <sys/eventfd.h>

static inline CURLcode cockpit_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cockpit_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cockpit_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cockpit_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cockpit_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*cockpit_curl_data_callback)(char *, size_t, size_t, void *);
static inline CURLcode cockpit_curl_setopt_data_callback(CURL *h, CURLoption o, cockpit_curl_data_callback f) { return curl_easy_setopt(h, o, f); }
static inline CURLcode cockpit_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode cockpit_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode cockpit_curl_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLMcode cockpit_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
typedef int (*cockpit_curl_socket_callback)(CURL *, curl_socket_t, int, void *, void *);
typedef int (*cockpit_curl_timer_callback)(CURLM *, long, void *);
static inline CURLMcode cockpit_curl_multi_setopt_pointer(CURLM *m, CURLMoption o, void *v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode cockpit_curl_multi_setopt_socket_callback(CURLM *m, cockpit_curl_socket_callback f) {
    return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, f);
}
static inline CURLMcode cockpit_curl_multi_setopt_timer_callback(CURLM *m, cockpit_curl_timer_callback f) {
    return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, f);
}
// Tenant-owned upstreams: the address curl is about to connect to is checked before the socket opens.
typedef curl_socket_t (*cockpit_curl_opensocket_callback)(void *, curlsocktype, struct curl_sockaddr *);
static inline CURLcode cockpit_curl_setopt_opensocket(CURL *h, cockpit_curl_opensocket_callback f) {
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, f);
}
// A socket closed on exec, for the open-socket hook (SOCK_CLOEXEC is not visible to Swift in every build).
#include <sys/socket.h>
static inline int cockpit_socket_cloexec(int domain, int type, int protocol) { return socket(domain, type | SOCK_CLOEXEC, protocol); }
