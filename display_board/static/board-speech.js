// The board's voice: calls are spoken one after the other, never two clips at once, none
// dropped. A call that finds the board quiet gets the chime and the full sentence
// ("Nomor antrian A dua belas, silakan menuju loket dua"); a call that waited behind
// another follows straight on with the short phrase ("A dua belas, loket dua"), so a
// rush of calls is spoken in time. Every clip is fetched once and kept for the next call.
(function () {
  "use strict";

  window.antrianSpeech = function (options) {
    const base = options.base;
    const lang = options.lang;
    const log = options.log;              // every clip played: {clip, start, end, seconds}
    const onBlocked = options.onBlocked;  // the browser wants a touch before it plays sound
    const queue = [];
    const cache = new Map();
    let busy = false;
    let streak = 0;  // calls spoken since the board was last quiet

    const url = (clip) => (clip === "chime" ? base + "chime.ogg" : base + lang + "/" + clip + ".ogg");

    function audioFor(clip) {
      let audio = cache.get(clip);
      if (!audio) {
        audio = new Audio(url(clip));
        audio.preload = "auto";
        cache.set(clip, audio);
      }
      return audio;
    }

    function play(clip) {
      return new Promise((resolve, reject) => {
        const audio = audioFor(clip);
        const entry = { clip, start: performance.now(), end: null };
        let guard = null;
        const stop = () => {
          clearTimeout(guard);
          audio.removeEventListener("ended", finish);
          audio.removeEventListener("error", finish);
        };
        function finish() {
          stop();
          entry.end = performance.now();
          entry.seconds = Number.isFinite(audio.duration) ? audio.duration : null;  // its length
          resolve();
        }
        audio.addEventListener("ended", finish);
        audio.addEventListener("error", finish);  // a missing clip is skipped
        // Never stall the queue on a device that does not report the end of playback.
        guard = setTimeout(finish, (audio.duration || 3) * 1000 + 1500);
        log.push(entry);
        audio.currentTime = 0;
        audio.play().catch((err) => {
          log.pop();
          if (err && err.name === "NotAllowedError") { stop(); reject(err); } else { finish(); }
        });
      });
    }

    function clipsOf(call, first) {
      const short = call.short && call.short.length ? call.short : call.long;
      return first ? ["chime", ...call.long] : short;
    }

    async function drain() {
      if (busy) return;
      busy = true;
      try {
        while (queue.length) {
          const clips = clipsOf(queue[0], streak === 0);
          clips.forEach(audioFor);  // every word of the sentence starts loading at once
          for (const clip of clips) await play(clip);
          queue.shift();
          streak += 1;
        }
        streak = 0;
      } catch (err) {
        streak = 0;  // after the touch, the waiting call starts with the chime again
        onBlocked();
      } finally {
        busy = false;
      }
    }

    return {
      // call: {long: [clips], short: [clips]}
      say(call) {
        if (!call.long || !call.long.length) return;
        clipsOf(call, !busy && !queue.length).forEach(audioFor);
        queue.push(call);
        drain();
      },
      resume() { drain(); },
      pending() { return queue.length; },
    };
  };
})();
