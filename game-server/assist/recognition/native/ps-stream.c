/*
 * ps-stream: a streaming front end to pocketsphinx (5prealpha API) for live transcription.
 *
 * stdin:  raw 16 kHz mono signed 16-bit little-endian PCM, as it arrives.
 * stdout: one JSON object a line (sample indices count from the first sample read):
 *   {"type":"partial","text":..,"start":s,"end":e}        about every 300 ms of speech, when the
 *                                                         hypothesis changed
 *   {"type":"final","text":..,"start":s,"end":e,"conf":c,"words":[[w,s,e],..]}
 *                                                         when pocketsphinx's own VAD hears the
 *                                                         speech end, and at end of input
 *   {"type":"progress","samples":n}                       audio consumed so far: every second of
 *                                                         audio, and whenever input has run dry
 *                                                         (at most every 250 ms), so the caller's
 *                                                         lag reads 0 once all is consumed
 * A final with empty text is sent only to close an utterance whose partials were shown.
 *
 * Arguments are pocketsphinx's own (-hmm, -lm, -dict, -vad_threshold, ...); the Debian en-US model
 * is the default, tuned for live use (see main), and logging goes to /dev/null unless -logfn
 * says otherwise.
 *
 * Timing: ps_seg_frames gives frames of the whole stream (5prealpha adds the utterance's start
 * in the stream), so word times need no bookkeeping here but for audio decoded twice (below).
 * A partial's start is where the front end's VAD put the utterance's start: -vad_prespeech
 * frames before the frame at which it heard speech begin, known to within one 20 ms block.
 *
 * Cold start: live cepstral mean normalisation starts from the model's prior (-cmninit) and
 * moves only at the end of an utterance (or after 8 s of speech), so a stream's first sentence
 * is decoded with a mean that fits neither the speaker nor the microphone — on our test voices
 * it loses about every third word, which the same audio decoded again afterwards does not. So
 * until the CMN has heard 5 s of speech, each utterance is decoded a second time, from a copy
 * of the audio, and the second hypothesis is the final (partials come from the first pass).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pocketsphinx.h>
#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>

#ifndef MODELDIR
#define MODELDIR "/usr/share/pocketsphinx/model/en-us"
#endif

#define SAMPLE_RATE 16000
/* Samples per decoder call: 20 ms, the granularity of the VAD's decisions (and of our times). */
#define BLOCK 320
/* A partial at most every this many samples of speech (300 ms). */
#define PARTIAL_EVERY 4800
/* Progress at least every second of audio consumed... */
#define PROGRESS_EVERY SAMPLE_RATE
/* ...and, when input has run dry, at most this often (wall clock). */
#define PROGRESS_IDLE_MS 250
/* Audio kept for decoding again; a longer utterance keeps its first pass. */
#define RING (30 * SAMPLE_RATE)
/* Speech frames (10 ms) after which the CMN is taken to be warm. */
#define CMN_WARM_FRAMES 500

static ps_decoder_t *ps;
static int frame_samples = SAMPLE_RATE / 100;
static int prespeech_frames = 20;    /* -vad_prespeech */
static long long fed;              /* samples given to the decoder */
static long long reported;         /* samples last reported in a progress line */
static int in_utt;                 /* the VAD has heard speech since ps_start_utt */
static long long utt_start;        /* sample where the VAD put its start */
static int partial_shown;          /* a partial of this utterance was written */
static long long last_partial_at;  /* fed when the last partial was considered */
static char *last_partial;
static long long last_report_wall; /* monotonic ms of the last progress line */
static int16 ring[RING];           /* the last RING samples, at fed % RING */
static long long cmn_frames;       /* frames of speech decoded so far */
static long long refed;            /* samples decoded twice: the decoder's clock runs this far ahead */

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void put_json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

/* Fillers and silences (<s>, </s>, <sil>, [NOISE], ++UM++) are not words. */
static int is_filler(const char *w) {
    return w[0] == '<' || w[0] == '[' || w[0] == '+' || w[0] == '\0';
}

/* "read(2)" is the dictionary's second pronunciation of "read": print the word only. */
static void put_word(const char *w) {
    char buf[256];
    size_t n = strlen(w);
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, w, n);
    buf[n] = '\0';
    char *paren = strchr(buf, '(');
    if (paren && paren != buf) *paren = '\0';
    put_json_string(buf);
}

static void progress(void) {
    printf("{\"type\":\"progress\",\"samples\":%lld}\n", fed);
    fflush(stdout);
    reported = fed;
    last_report_wall = now_ms();
}

static void maybe_partial(void) {
    if (fed - last_partial_at < PARTIAL_EVERY) return;
    last_partial_at = fed;
    char const *hyp = ps_get_hyp(ps, NULL);
    if (!hyp || !*hyp) return;
    if (last_partial && strcmp(last_partial, hyp) == 0) return;
    free(last_partial);
    last_partial = strdup(hyp);
    printf("{\"type\":\"partial\",\"text\":");
    put_json_string(hyp);
    printf(",\"start\":%lld,\"end\":%lld}\n", utt_start, fed);
    fflush(stdout);
    partial_shown = 1;
}

/* The words' mean posterior in the lattice of the utterance just ended. The utterance's own
 * (ps_get_prob) is their product, near 0 for any sentence of more than a few words; it stands
 * in only when there are no word segments. */
static double confidence(void) {
    logmath_t *lmath = ps_get_logmath(ps);
    double sum = 0;
    int n = 0;
    for (ps_seg_t *seg = ps_seg_iter(ps); seg; seg = ps_seg_next(seg)) {
        if (is_filler(ps_seg_word(seg))) continue;
        sum += logmath_exp(lmath, ps_seg_prob(seg, NULL, NULL, NULL));
        n++;
    }
    double conf = n > 0 ? sum / n : logmath_exp(lmath, ps_get_prob(ps));
    return conf >= 0 && conf <= 1 ? conf : conf > 1 ? 1 : 0;
}

/* Decodes samples [from, to) of the stream again, as one utterance, from the ring. Returns
 * whether it did (the decoder's hypothesis is then the new one). */
static int decode_again(long long from, long long to) {
    if (from < 0) from = 0;
    if (from < fed - RING || to <= from || ps_start_utt(ps) < 0) return 0;
    int16 block[BLOCK];
    for (long long at = from; at < to;) {
        size_t k = to - at < BLOCK ? (size_t)(to - at) : BLOCK;
        for (size_t i = 0; i < k; i++) block[i] = ring[(at + (long long)i) % RING];
        ps_process_raw(ps, block, k, FALSE, FALSE);
        at += (long long)k;
    }
    ps_end_utt(ps);
    refed += to - from;
    return 1;
}

/* Ends the utterance, writes its final (if it had speech) and starts the next one. */
static void finish_utterance(int restart) {
    long long start = utt_start;
    ps_end_utt(ps);
    char const *hyp = ps_get_hyp(ps, NULL);
    int cold = cmn_frames < CMN_WARM_FRAMES;
    cmn_frames += ps_get_n_frames(ps);
    if (cold && hyp && *hyp) {
        char *first_pass = strdup(hyp);
        double first_conf = confidence();
        /* From a little before the VAD's start, so that it hears the onset again. */
        if (decode_again(start - (long long)prespeech_frames * frame_samples, fed)) {
            hyp = ps_get_hyp(ps, NULL);
            if (!hyp || !*hyp) {
                /* The second pass heard nothing (its VAD did not start): keep the first's text. */
                printf("{\"type\":\"final\",\"text\":");
                put_json_string(first_pass);
                printf(",\"words\":[],\"start\":%lld,\"end\":%lld,\"conf\":%.3f}\n", start, fed, first_conf);
                fflush(stdout);
                partial_shown = 0;
            }
        }
        free(first_pass);
    }
    if (hyp && *hyp) {
        long long first = -1, last = -1;
        printf("{\"type\":\"final\",\"text\":");
        put_json_string(hyp);
        printf(",\"words\":[");
        int n = 0;
        for (ps_seg_t *seg = ps_seg_iter(ps); seg; seg = ps_seg_next(seg)) {
            char const *w = ps_seg_word(seg);
            if (is_filler(w)) continue;
            int sf, ef;
            ps_seg_frames(seg, &sf, &ef);
            long long s = (long long)sf * frame_samples - refed;
            long long e = (long long)(ef + 1) * frame_samples - refed;
            if (first < 0) first = s;
            last = e;
            printf(n++ ? ",[" : "[");
            put_word(w);
            printf(",%lld,%lld]", s, e);
        }
        if (first < 0) {
            first = start;
            last = fed;
        }
        printf("],\"start\":%lld,\"end\":%lld,\"conf\":%.3f}\n", first, last, confidence());
        fflush(stdout);
    } else if (partial_shown) {
        printf("{\"type\":\"final\",\"text\":\"\",\"words\":[],\"start\":%lld,\"end\":%lld,\"conf\":0}\n", start, fed);
        fflush(stdout);
    }
    in_utt = 0;
    partial_shown = 0;
    free(last_partial);
    last_partial = NULL;
    if (restart && ps_start_utt(ps) < 0) {
        fprintf(stderr, "ps-stream: cannot start an utterance\n");
        exit(3);
    }
}

static void process(const int16 *samples, size_t n) {
    while (n > 0) {
        /* Blocks aligned to the stream, not to reads: the same audio gives the same results
         * however the pipe happened to split it. */
        size_t k = BLOCK - (size_t)(fed % BLOCK);
        if (k > n) k = n;
        for (size_t i = 0; i < k; i++) ring[(fed + (long long)i) % RING] = samples[i];
        ps_process_raw(ps, samples, k, FALSE, FALSE);
        fed += (long long)k;
        samples += k;
        n -= k;
        int speech = ps_get_in_speech(ps);
        if (speech && !in_utt) {
            in_utt = 1;
            last_partial_at = fed;
            utt_start = (fed / frame_samples - prespeech_frames) * frame_samples;
            if (utt_start < 0) utt_start = 0;
        }
        if (in_utt && !speech) finish_utterance(1);
        else if (in_utt) maybe_partial();
        if (fed - reported >= PROGRESS_EVERY) progress();
    }
}

static int has_arg(int argc, char **argv, const char *name) {
    for (int i = 1; i < argc; i += 2)
        if (strcmp(argv[i], name) == 0) return 1;
    return 0;
}

int main(int argc, char **argv) {
    /* Before parsing: cmd_ln itself logs the whole configuration. */
    err_set_logfp(NULL);

    char const *defaults[][2] = {
        {"-hmm", MODELDIR "/en-us"},
        {"-lm", MODELDIR "/en-us.lm.bin"},
        {"-dict", MODELDIR "/cmudict-en-us.dict"},
        {"-logfn", "/dev/null"},
        /* Live speed: no second (flat-lexicon) pass, at most 10,000 HMMs a frame. On the
         * benchmark's espeak set this costs no words and about a quarter of the CPU. */
        {"-fwdflat", "no"},
        {"-maxhmmpf", "10000"},
    };
    size_t ndefaults = sizeof defaults / sizeof defaults[0];
    char **args = calloc((size_t)argc + 2 * ndefaults + 1, sizeof *args);
    int nargs = 0;
    args[nargs++] = argv[0];
    for (int i = 1; i < argc; i++) args[nargs++] = argv[i];
    for (size_t i = 0; i < ndefaults; i++) {
        if (has_arg(argc, argv, defaults[i][0])) continue;
        args[nargs++] = (char *)defaults[i][0];
        args[nargs++] = (char *)defaults[i][1];
    }
    cmd_ln_t *config = cmd_ln_parse_r(NULL, ps_args(), nargs, args, TRUE);
    if (!config) {
        fprintf(stderr, "ps-stream: bad arguments (pocketsphinx's own: -hmm, -lm, -dict, ...)\n");
        return 2;
    }
    if (cmd_ln_float32_r(config, "-samprate") != SAMPLE_RATE) {
        fprintf(stderr, "ps-stream: input is 16 kHz; -samprate must be %d\n", SAMPLE_RATE);
        return 2;
    }
    ps = ps_init(config);
    if (!ps) {
        fprintf(stderr, "ps-stream: cannot load the model (%s)\n", cmd_ln_str_r(config, "-hmm"));
        return 2;
    }
    int frate = cmd_ln_int32_r(config, "-frate");
    if (frate > 0) frame_samples = SAMPLE_RATE / frate;
    prespeech_frames = cmd_ln_int32_r(config, "-vad_prespeech");
    if (ps_start_utt(ps) < 0) {
        fprintf(stderr, "ps-stream: cannot start an utterance\n");
        return 3;
    }

    unsigned char buf[8192 + 1];
    size_t carry = 0; /* an odd byte left from the last read */
    last_report_wall = now_ms();
    for (;;) {
        /* Waiting for input: report progress once it has been idle a little while. */
        int timeout = -1;
        if (fed != reported) {
            long long left = PROGRESS_IDLE_MS - (now_ms() - last_report_wall);
            timeout = left > 0 ? (int)left : 0;
        }
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        int ready = poll(&pfd, 1, timeout);
        if (ready < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (ready == 0) {
            progress();
            continue;
        }
        ssize_t got = read(0, buf + carry, sizeof buf - 1 - carry);
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            break;
        }
        if (got == 0) break;
        size_t bytes = carry + (size_t)got;
        size_t whole = bytes & ~(size_t)1;
        process((const int16 *)buf, whole / 2);
        carry = bytes - whole;
        if (carry) buf[0] = buf[whole];
    }

    /* End of input: whatever was being said is final now. */
    if (in_utt) finish_utterance(0);
    else ps_end_utt(ps);
    if (fed != reported) progress();
    ps_free(ps);
    cmd_ln_free_r(config);
    free(args);
    return 0;
}
