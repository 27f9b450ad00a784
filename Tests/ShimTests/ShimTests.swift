import CCrypt
import CCurl
import CHiredis
import CNcursesw
import CPostgres
import CSQLite
import CSodium
import Foundation
import Testing

/// Each system-library shim links and really calls into its library.
@Suite struct ShimTests {
    @Test func sqliteEvaluatesAQuery() {
        var db: OpaquePointer?
        #expect(sqlite3_open(":memory:", &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, "SELECT 40 + 2", -1, &statement, nil) == SQLITE_OK)
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_int(statement, 0) == 42)
        sqlite3_finalize(statement)
        #expect(sqlite3_libversion_number() >= 3_035_000)  // RETURNING, row values, IS NOT DISTINCT FROM need ≥ 3.35
    }

    @Test func libpqParsesAConnectionURL() {
        #expect(PQlibVersion() >= 120_000)
        var error: UnsafeMutablePointer<CChar>?
        let options = PQconninfoParse("postgres://alice:secret@db.example:6543/app?sslmode=disable", &error)
        #expect(options != nil)
        var found: [String: String] = [:]
        var cursor = options
        while let option = cursor, let keyword = option.pointee.keyword {
            if let value = option.pointee.val { found[String(cString: keyword)] = String(cString: value) }
            cursor = option.advanced(by: 1)
        }
        PQconninfoFree(options)
        #expect(found["host"] == "db.example")
        #expect(found["port"] == "6543")
        #expect(found["dbname"] == "app")
    }

    @Test func curlEscapesThroughAnEasyHandle() {
        #expect(curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK)
        let handle = curl_easy_init()
        #expect(handle != nil)
        defer { curl_easy_cleanup(handle) }
        #expect(cockpit_curl_setopt_string(handle, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK)
        let escaped = curl_easy_escape(handle, "a b/c", 0)
        #expect(escaped.map { String(cString: $0) } == "a%20b%2Fc")
        curl_free(escaped)
        let info = curl_version_info(CURLVERSION_TENTH)
        #expect(info.map { $0.pointee.features & CURL_VERSION_SSL } != 0)
    }

    @Test func ncursesNamesKeysAndMeasuresWideCharacters() {
        #expect(String(cString: curses_version()).hasPrefix("ncurses"))
        #expect(String(cString: keyname(Int32(KEY_UP))) == "KEY_UP")
        _ = cockpit_set_locale_from_env()
        #expect(cockpit_color_pair(1) != 0)
    }

    @Test func hiredisParsesARedisReply() {
        let reader = redisReaderCreate()
        defer { redisReaderFree(reader) }
        let input = "*2\r\n+OK\r\n:42\r\n"
        #expect(redisReaderFeed(reader, input, input.utf8.count) == REDIS_OK)
        var reply: UnsafeMutableRawPointer?
        #expect(redisReaderGetReply(reader, &reply) == REDIS_OK)
        let array = reply!.assumingMemoryBound(to: redisReply.self)
        #expect(array.pointee.type == REDIS_REPLY_ARRAY)
        #expect(array.pointee.elements == 2)
        #expect(array.pointee.element[1]!.pointee.integer == 42)
        freeReplyObject(reply)
    }

    @Test func cryptComputesABcryptHash() {
        var out = [CChar](repeating: 0, count: 256)
        #expect(cockpit_crypt("correct horse", "$2b$10$abcdefghijklmnopqrstuv", &out, out.count) == 0)
        #expect(String(cString: out) == "$2b$10$abcdefghijklmnopqrstuu23JPZtHcGhwXSF41f93o/7vBdDut3Xu")
    }

    @Test func sodiumHashesAndVerifiesAPassword() {
        #expect(sodium_init() >= 0)
        var out = [CChar](repeating: 0, count: cockpit_pwhash_strbytes())
        #expect(
            crypto_pwhash_str(
                &out, "correct horse", 13, cockpit_pwhash_opslimit_interactive(), cockpit_pwhash_memlimit_interactive())
                == 0)
        #expect(String(cString: out).hasPrefix("$argon2id$"))
        #expect(crypto_pwhash_str_verify(out, "correct horse", 13) == 0)
        #expect(crypto_pwhash_str_verify(out, "wrong horse!!", 13) != 0)
    }
}
