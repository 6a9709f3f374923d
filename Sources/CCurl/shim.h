#include <curl/curl.h>

/* Non-variadic wrappers: Swift cannot call curl's variadic setopt/getinfo. */
static inline CURLcode cf_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cf_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cf_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cf_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode cf_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }

/* Swift-callable callback types and setters for the write and header callbacks. */
typedef size_t (*cf_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);
static inline CURLcode cf_curl_setopt_data_callback(CURL *h, CURLoption o, cf_curl_data_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cf_curl_getinfo_ptr(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
