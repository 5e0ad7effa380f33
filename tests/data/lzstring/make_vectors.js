// Makes vectors.json: LZ-string 1.5.0 (the JavaScript original) compressToEncodedURIComponent
// of ~30 texts, so tests can check the Python port (queue_server/eservices/bpjs/crypto.py)
// without node. Run again only to add cases:
//   mkdir /tmp/lzjs && cd /tmp/lzjs && npm install lz-string@1.5.0
//   NODE_PATH=/tmp/lzjs/node_modules node make_vectors.js > vectors.json
"use strict";
const LZ = require("lz-string");

const answer = {
  response: {
    nomorantrean: "A-12", angkaantrean: 12, kodebooking: "20261130A012",
    norm: "-", namapoli: "Poli Umum", namadokter: "dr. Contoh",
    estimasidilayani: 1796027400000, sisakuotajkn: 5, kuotajkn: 30,
    sisakuotanonjkn: 5, kuotanonjkn: 30, keterangan: "Peserta harap 60 menit lebih awal",
  },
  metadata: { message: "Ok", code: 200 },
};
const tasks = [1, 2, 3, 4, 5].map((id) => ({
  wakturs: "30-11-2026 08:0" + id + ":00 WIB", waktu: "30-11-2026 08:0" + id + ":00 WIB",
  taskname: "task " + id, taskid: id, kodebooking: "20261130A012",
}));
let big = "";
for (let i = 0; big.length < 10240; i++) big += "antrean " + i + " poli " + (i % 7) + "; ";
let mixed = "";
for (let i = 0; i < 400; i++) mixed += String.fromCharCode(32 + ((i * 37) % 95));

const texts = [
  "", "a", "ab", "aaa", "hello", "Hello, World!", "abcabcabcabcabcabc",
  "The quick brown fox jumps over the lazy dog",
  "Selamat pagi, antrean Anda nomor A-12 di Poli Umum.",
  "Peserta harap datang 60 menit lebih awal guna pencatatan administrasi.",
  "Pasien dengan kode booking tersebut sudah check-in; batal tidak bisa.",
  "Jl. Jend. Sudirman No. 1, Kec. Genteng, Kota Surabaya",
  JSON.stringify(answer), JSON.stringify({ list: tasks }), JSON.stringify(tasks),
  JSON.stringify({ metadata: { code: 201, message: "TaskId terakhir 5" } }),
  "x".repeat(1000), "ab".repeat(2000), "poli umum ".repeat(300),
  "café naïve résumé", "Größe ½ ¼ — “kutip” ‘tunggal’", "日本語のテキスト", "Ελληνικά κείμενο",
  "😀", "antrean 😀 selesai 👍🏽", "🇮🇩 Indonesia 🏥", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕒𝕤𝕥𝕣𝕒𝕝",
  "tab\tnew\nline\r\nnull\u0000end", "+ - $ = / ? & % #", mixed, big,
];
const vectors = texts.map((text) => ({ text, compressed: LZ.compressToEncodedURIComponent(text) }));
for (const v of vectors) {
  if (LZ.decompressFromEncodedURIComponent(v.compressed) !== v.text) throw new Error("round trip");
}
process.stdout.write(JSON.stringify({ library: "lz-string@1.5.0", vectors }, null, 1) + "\n");
