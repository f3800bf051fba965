"""The ``capaian`` command line (also ``python -m app``).

Every action a BKD or a secretariat would script has a command; each builds a service context
and calls the same service functions as the GUI. Exit codes: 0 success, 1 user error (message in
Indonesian, or English with ``--lang en``), 2 bad usage. A user error never prints a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from app import APP_NAME, __version__
from app.errors import AksesDitolakError, UserError
from app.i18n import _, format_number, format_percent, set_language
from app.settings import data_dir, default_database_path

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70  # 70: EX_SOFTWARE

log = logging.getLogger("capaian.cli")


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian usage errors (exit 2) and no abbreviated options.

    Abbreviations are off because ``--lan en`` would parse but could not switch the language,
    which is chosen before parsing.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:  # pragma: no cover - argparse plumbing
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            _("{prog}: kesalahan penggunaan: {msg}\n").format(prog=self.prog, msg=message),
        )


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """--db, --json, --lang, --as: accepted before and after the subcommand."""
    missing = None if defaults else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        default=missing,
        help=_("berkas SQLite atau URL basis data (bawaan: {path})").format(
            path=default_database_path()
        ),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if defaults else argparse.SUPPRESS,
        help=_("keluaran JSON untuk mesin"),
    )
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default="id" if defaults else argparse.SUPPRESS,
        help=_("bahasa pesan (id atau en)"),
    )
    parser.add_argument(
        "--as",
        dest="actor",
        default=missing,
        metavar=_("NAMA"),
        help=_(
            "masuk sebagai pengguna NAMA (wajib untuk perubahan bila basis data sudah memiliki "
            "akun); tanpa akun: nama pelaku di log audit (bawaan: nama login)"
        ),
    )
    parser.add_argument(
        "--password-file",
        type=Path,
        default=missing,
        metavar=_("BERKAS"),
        help=_("berkas berisi sandi pengguna --as (bawaan: $CAPAIAN_SANDI atau ditanyakan)"),
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree."""
    common = _Parser(add_help=False)
    _global_options(common, defaults=False)
    parser = _Parser(
        prog="capaian",
        description=_("{app}: penilaian kinerja ASN berbasis capaian, luring.").format(
            app=APP_NAME
        ),
    )
    _global_options(parser, defaults=True)
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=_("uji cepat instalasi pada basis data sementara, lalu keluar (0 = baik)"),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("PERINTAH"), parser_class=_Parser)

    init = sub.add_parser("init", parents=[common], help=_("siapkan basis data baru"))
    init.add_argument("--role", required=True, choices=("dinas", "bkd"), help=_("peran kantor"))
    init.add_argument("--kode", required=True, help=_("kode kantor, mis. DINKES"))
    init.add_argument("--nama", required=True, help=_("nama kantor"))
    init.add_argument("--pemda", default="Pemerintah Kabupaten Sabangau", help=_("nama pemda"))
    init.add_argument("--tempat", default="Sabangau", help=_("tempat penandatanganan"))
    init.add_argument("--tahun", type=int, default=None, help=_("tahun penilaian pertama"))
    init.add_argument(
        "--granularitas",
        choices=("bulanan", "triwulanan", "semesteran", "tahunan"),
        default="bulanan",
        help=_("pembagian periode penilaian"),
    )
    init.add_argument(
        "--latihan",
        action="store_true",
        help=_("basis data Mode Latihan: paketnya tidak pernah masuk ke data sebenarnya"),
    )

    demo = sub.add_parser(
        "demo", parents=[common], help=_("bangun data contoh Sabangau dan jalankan alurnya")
    )
    demo.add_argument("--size", choices=("small", "kabupaten"), default="small")
    demo.add_argument(
        "--kantor",
        choices=("DINKES", "DISDIK"),
        default="DINKES",
        help=_("kantor contoh untuk ukuran small (Dinas Kesehatan atau Dinas Pendidikan)"),
    )
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--tahun", type=int, default=None)
    demo.add_argument(
        "--ganti",
        action="store_true",
        help=_("hapus berkas basis data SQLite yang sudah ada terlebih dahulu"),
    )

    explain = sub.add_parser(
        "explain",
        parents=[common],
        help=_("tampilkan bagaimana predikat seorang pegawai diperoleh"),
    )
    explain.add_argument("--nip", required=True)
    explain.add_argument("--periode", required=True, help=_("mis. 2026-03, 2026-TW1, 2026"))

    printing = sub.add_parser(
        "print", parents=[common], help=_("cetak lembar resmi (PDF) untuk ditandatangani")
    )
    printing.add_argument(
        "jenis",
        choices=("skp", "evaluasi", "dokumen-evaluasi", "rekap", "ringkas"),
        help=_("lembar yang dicetak (ringkas: lembar ringkas penilai, tanpa basis data)"),
    )
    printing.add_argument(
        "--out", type=Path, required=True, help=_("folder tujuan berkas PDF (ringkas: berkas PDF)")
    )
    printing.add_argument("--periode", help=_("mis. 2026-03, 2026-TW1, 2026"))
    printing.add_argument("--unit", help=_("kode unit organisasi (beserta unit di bawahnya)"))
    printing.add_argument("--nip", help=_("NIP satu pegawai"))
    printing.add_argument("--kertas", choices=("A4", "F4"), default="A4", help=_("ukuran kertas"))
    printing.add_argument(
        "--satu-berkas",
        action="store_true",
        help=_("semua lembar dalam satu PDF (bawaan: satu PDF per pegawai)"),
    )

    sub.add_parser("info", parents=[common], help=_("ringkasan isi basis data"))
    sub.add_parser(
        "check", parents=[common], help=_("pemeriksaan mutu data sebelum mengirim paket")
    )
    _add_sync_commands(sub, common)
    _add_backup_commands(sub, common)
    _add_reference_commands(sub, common)
    _add_excel_commands(sub, common)
    _add_user_commands(sub, common)
    _add_settings_commands(sub, common)
    return parser


def _add_settings_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """``pengaturan list|set|bahasa``: office settings per year, and this PC's language."""
    pengaturan = sub.add_parser(
        "pengaturan",
        parents=[common],
        help=_("pengaturan kantor (ambang saran, pemetaan JPT, tempat cetak) dan bahasa"),
    )
    actions = pengaturan.add_subparsers(
        dest="pengaturan_command", metavar=_("AKSI"), parser_class=_Parser
    )
    actions.required = True
    listed = actions.add_parser(
        "list", parents=[common], help=_("nilai yang berlaku pada satu tahun dan asalnya")
    )
    listed.add_argument("--tahun", type=int, help=_("tahun penilaian (bawaan: tahun ini)"))
    changed = actions.add_parser(
        "set",
        parents=[common],
        help=_("(admin) ubah satu pengaturan"),
        description=_(
            "Ubah satu pengaturan kantor. Pemetaan JPT ditulis LEVEL=RATING dipisah koma, "
            "kelima level wajib, mis. ISTIMEWA=DI_ATAS_EKSPEKTASI,BAIK=SESUAI_EKSPEKTASI,"
            "BUTUH_PERBAIKAN=DI_BAWAH_EKSPEKTASI,KURANG=DI_BAWAH_EKSPEKTASI,"
            "SANGAT_KURANG=DI_BAWAH_EKSPEKTASI."
        ),
    )
    changed.add_argument(
        "kunci", metavar=_("KUNCI"), help=_("mis. cetak.tempat, saran.ambang_sesuai")
    )
    changed.add_argument("nilai", metavar=_("NILAI"), help=_("nilai baru"))
    changed.add_argument(
        "--berlaku",
        type=int,
        default=0,
        metavar=_("TAHUN"),
        help=_("berlaku mulai tahun ini (bawaan: selalu, untuk semua tahun)"),
    )
    language = actions.add_parser(
        "bahasa",
        parents=[common],
        help=_("bahasa antarmuka PC ini bila --lang tidak diberikan (disimpan di folder data)"),
    )
    language.add_argument("bahasa", choices=("id", "en"), help=_("id: Indonesia, en: English"))


def _add_user_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Commands ``user`` (add, list, passwd, reset, disable, enable) and ``history``."""
    new_secret = _Parser(add_help=False)
    new_secret.add_argument(
        "--new-password-file",
        type=Path,
        metavar=_("BERKAS"),
        help=_("berkas berisi sandi baru (bawaan: $CAPAIAN_SANDI_BARU atau ditanyakan dua kali)"),
    )
    user = sub.add_parser("user", parents=[common], help=_("akun pengguna dan perannya"))
    user_sub = user.add_subparsers(dest="user_command", metavar=_("AKSI"), parser_class=_Parser)
    user_sub.required = True
    add = user_sub.add_parser(
        "add",
        parents=[common, new_secret],
        help=_("(admin) buat akun; akun pertama tanpa masuk dan harus admin"),
    )
    add.add_argument("nama", metavar=_("NAMA"), help=_("nama pengguna (huruf kecil)"))
    add.add_argument("--nama-lengkap", required=True, help=_("nama lengkap pemilik akun"))
    add.add_argument(
        "--peran",
        required=True,
        choices=("operator", "penilai", "sekretariat", "admin", "bkd_admin"),
        help=_("peran akun"),
    )
    add.add_argument("--nip", help=_("(penilai) NIP pegawai pemilik akun, sebagai pejabat penilai"))
    user_sub.add_parser("list", parents=[common], help=_("daftar akun"))
    user_sub.add_parser(
        "passwd", parents=[common, new_secret], help=_("ganti sandi sendiri (masuk dengan --as)")
    )
    reset = user_sub.add_parser(
        "reset", parents=[common, new_secret], help=_("(admin) atur ulang sandi dan buka kunci")
    )
    reset.add_argument("nama", metavar=_("NAMA"))
    for action, text in (
        ("disable", _("(admin) nonaktifkan akun")),
        ("enable", _("(admin) aktifkan kembali akun")),
    ):
        user_sub.add_parser(action, parents=[common], help=text).add_argument(
            "nama", metavar=_("NAMA")
        )
    history = sub.add_parser(
        "history", parents=[common], help=_("riwayat perubahan seorang pegawai atau satu rekaman")
    )
    history.add_argument("--nip", help=_("semua perubahan tentang pegawai ini"))
    history.add_argument("--entitas", help=_("nama tabel, mis. skp, pegawai, pengguna"))
    history.add_argument("--id", help=_("ID rekaman (dengan --entitas)"))


def _add_reference_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """mutasi, periode: BKD-owned reference data (sync.md §4.2)."""
    mutasi = sub.add_parser(
        "mutasi", parents=[common], help=_("(BKD) catat dan tampilkan mutasi pegawai antarkantor")
    )
    mutasi_sub = mutasi.add_subparsers(
        dest="mutasi_command", metavar=_("AKSI"), parser_class=_Parser
    )
    mutasi_sub.required = True
    record = mutasi_sub.add_parser("catat", parents=[common], help=_("(BKD) catat satu mutasi"))
    record.add_argument("--nip", required=True)
    record.add_argument("--ke", required=True, help=_("kode unit tujuan"))
    record.add_argument(
        "--berlaku", required=True, type=_iso_date, help=_("tanggal berlaku, mis. 2026-07-01")
    )
    record.add_argument("--sk", help=_("nomor SK mutasi"))
    record.add_argument("--catatan", help=_("catatan"))
    listed = mutasi_sub.add_parser("list", parents=[common], help=_("daftar mutasi"))
    listed.add_argument("--nip", help=_("hanya mutasi pegawai ini"))
    periode = sub.add_parser(
        "periode", parents=[common], help=_("daftar periode; (BKD) kunci atau buka periode")
    )
    periode.add_argument("aksi", nargs="?", default="list", choices=("list", "kunci", "buka"))
    periode.add_argument("kode", nargs="?", help=_("mis. 2026-03, 2026-TW1, 2026"))
    periode.add_argument("--tahun", type=int, help=_("hanya periode tahun ini"))
    periode.add_argument("--alasan", help=_("alasan mengunci atau membuka (wajib)"))
    katalog = sub.add_parser(
        "katalog",
        parents=[common],
        help=_("katalog indikator BKD: daftar; (BKD) tambah, pensiunkan"),
    )
    katalog.add_argument("aksi", nargs="?", default="list", choices=("list", "add", "retire"))
    katalog.add_argument("--kode", help=_("kode indikator katalog"))
    katalog.add_argument("--uraian", help=_("uraian indikator"))
    katalog.add_argument("--satuan", help=_("satuan, mis. Dokumen, Orang, %%"))
    katalog.add_argument("--aspek", choices=("kuantitas", "kualitas", "waktu", "biaya"))
    katalog.add_argument(
        "--perspektif",
        choices=("penerima_layanan", "proses_bisnis", "penguatan_internal", "anggaran"),
    )
    katalog.add_argument("--polaritas", choices=("naik", "turun", "turun_rasio"), default="naik")
    katalog.add_argument(
        "--agregasi",
        choices=("jumlah", "rata_rata", "terakhir"),
        help=_("bawaan: rata_rata untuk satuan %%, selain itu jumlah"),
    )
    katalog.add_argument("--wajib-bukti", action="store_true", help=_("realisasi wajib berbukti"))
    katalog.add_argument("--jabatan", help=_("untuk jabatan apa (keterangan)"))
    katalog.add_argument("--cari", help=_("cari pada kode atau uraian"))
    katalog.add_argument("--semua", action="store_true", help=_("termasuk yang dipensiunkan"))


def _add_backup_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """backup, restore (SQLite; PostgreSQL has pg_dump)."""
    backup = sub.add_parser(
        "backup",
        parents=[common],
        help=_("cadangkan basis data (bawaan: ke folder cadangan di samping basis data)"),
    )
    backup.add_argument(
        "file", nargs="?", type=Path, metavar=_("BERKAS"), help=_("berkas atau folder tujuan")
    )
    backup.add_argument("--list", action="store_true", help=_("daftar cadangan yang ada"))
    restore = sub.add_parser(
        "restore",
        parents=[common],
        help=_("pulihkan basis data dari berkas cadangan (diperiksa dulu)"),
    )
    restore.add_argument("file", type=Path, metavar=_("BERKAS"))
    restore.add_argument("--yes", action="store_true", help=_("tanpa pertanyaan konfirmasi"))


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("tanggal {text!r} tidak sah; tulis TTTT-BB-HH, mis. 2026-07-01").format(text=text)
        ) from None


def _add_excel_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """template, import-excel, export-excel."""
    template = sub.add_parser(
        "template", parents=[common], help=_("templat Excel kosong yang tervalidasi untuk diisi")
    )
    template.add_argument("jenis", choices=("pegawai", "skp", "realisasi"))
    template.add_argument("file", type=Path, metavar=_("BERKAS"))
    template.add_argument(
        "--periode", help=_("(realisasi) isi templat dengan indikator SKP periode ini")
    )
    template.add_argument("--unit", help=_("kode unit kerja (beserta unit di bawahnya)"))
    importer = sub.add_parser(
        "import-excel",
        parents=[common],
        help=_("impor berkas Excel: semua baris atau tidak sama sekali"),
    )
    importer.add_argument("jenis", choices=("pegawai", "skp", "realisasi"))
    importer.add_argument("file", type=Path, metavar=_("BERKAS"))
    importer.add_argument("--dry-run", action="store_true", help=_("periksa saja, tanpa menyimpan"))
    importer.add_argument("--periode", help=_("periode untuk baris realisasi tanpa kolom Periode"))
    importer.add_argument(
        "--laporan", type=Path, help=_("berkas laporan kesalahan (bawaan: BERKAS-kesalahan.xlsx)")
    )
    exporter = sub.add_parser("export-excel", parents=[common], help=_("ekspor ke Excel"))
    exporter.add_argument("jenis", choices=("pegawai", "skp", "realisasi", "rekap"))
    exporter.add_argument("file", type=Path, metavar=_("BERKAS"))
    exporter.add_argument("--periode", help=_("mis. 2026-03 (wajib untuk realisasi dan rekap)"))
    exporter.add_argument("--unit", help=_("kode unit kerja (beserta unit di bawahnya)"))


def _add_sync_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """enrol, export-package, import-package, conflicts (sync.md)."""
    secret = _Parser(add_help=False)
    secret.add_argument(
        "--passphrase-file",
        type=Path,
        help=_("berkas berisi frasa sandi kunci (bawaan: $CAPAIAN_PASSPHRASE atau ditanyakan)"),
    )
    enrol = sub.add_parser(
        "enrol", parents=[common], help=_("kunci instalasi dan pendaftaran ke BKD")
    )
    enrol_sub = enrol.add_subparsers(dest="enrol_command", metavar=_("AKSI"), parser_class=_Parser)
    enrol_sub.required = True
    request = enrol_sub.add_parser(
        "request", parents=[common, secret], help=_("(kantor) buat kunci dan berkas permintaan")
    )
    request.add_argument("--out", type=Path, required=True, help=_("berkas atau folder tujuan"))
    request.add_argument("--label", help=_("nama komputer yang dicatat BKD"))
    enrol_sub.add_parser("show", parents=[common], help=_("tampilkan sidik jari kunci"))
    enrol_sub.add_parser(
        "keygen", parents=[common, secret], help=_("buat kunci penanda tangan (BKD atau kantor)")
    )
    trust = enrol_sub.add_parser(
        "trust-bkd", parents=[common], help=_("(kantor) percayai kunci BKD setelah cek sidik jari")
    )
    trust.add_argument("--key", required=True, help=_("kunci publik BKD (base64)"))
    trust.add_argument("--fingerprint", required=True, help=_("sidik jari yang dibacakan BKD"))
    untrust = enrol_sub.add_parser(
        "untrust-bkd", parents=[common], help=_("(kantor) berhenti mempercayai kunci BKD")
    )
    untrust.add_argument("--key", required=True, help=_("ID kunci BKD"))
    untrust.add_argument("--reason", required=True, help=_("alasan"))
    approve = enrol_sub.add_parser(
        "approve", parents=[common], help=_("(BKD) setujui instalasi setelah cek sidik jari")
    )
    approve.add_argument("--key", required=True, help=_("ID kunci atau ID instalasi"))
    approve.add_argument("--fingerprint", required=True, help=_("sidik jari yang dibacakan kantor"))
    enrol_sub.add_parser("list", parents=[common], help=_("(BKD) daftar instalasi"))
    revoke = enrol_sub.add_parser(
        "revoke", parents=[common], help=_("(BKD) cabut kunci instalasi (mis. laptop hilang)")
    )
    revoke.add_argument("--key", required=True, help=_("ID kunci atau ID instalasi"))
    revoke.add_argument(
        "--after-seq", type=int, required=True, help=_("paket sesudah nomor ini dikarantina")
    )
    revoke.add_argument("--reason", required=True, help=_("alasan pencabutan"))

    export = sub.add_parser(
        "export-package",
        parents=[common, secret],
        help=_("(kantor) paket bertanda tangan berisi perubahan yang belum diakui BKD"),
    )
    export.add_argument("--out", type=Path, required=True, help=_("berkas atau folder tujuan"))
    imports = sub.add_parser(
        "import-package", parents=[common], help=_("(BKD) verifikasi dan gabungkan paket kantor")
    )
    imports.add_argument("files", nargs="+", type=Path, metavar=_("BERKAS"))
    imports.add_argument("--dry-run", action="store_true", help=_("periksa saja, tanpa menyimpan"))
    reply = sub.add_parser(
        "reply-package",
        parents=[common, secret],
        help=_("(BKD) paket balasan untuk satu kantor: pengakuan, hasil konflik, perubahan BKD"),
    )
    reply.add_argument("--office", required=True, help=_("kode kantor atau ID instalasi"))
    reply.add_argument("--out", type=Path, required=True, help=_("berkas atau folder tujuan"))
    apply_reply = sub.add_parser(
        "apply-reply", parents=[common], help=_("(kantor) terapkan paket balasan BKD")
    )
    apply_reply.add_argument("files", nargs="+", type=Path, metavar=_("BERKAS"))
    conflicts = sub.add_parser("conflicts", parents=[common], help=_("(BKD) antrean konflik"))
    conflicts.add_argument(
        "aksi",
        nargs="?",
        default="list",
        choices=("list", "groups", "show", "resolve", "resolve-group"),
    )
    conflicts.add_argument(
        "id", nargs="?", help=_("ID konflik (awalan cukup), atau kelompok JENIS:KANTOR:ENTITAS")
    )
    conflicts.add_argument(
        "--keep",
        choices=("current", "incoming", "merge"),
        help=_("nilai yang dipertahankan; 'merge': NIP ganda adalah orang yang sama"),
    )
    conflicts.add_argument("--note", help=_("alasan penyelesaian (wajib)"))


# ----------------------------------------------------------------------------- output helpers
def to_jsonable(value: Any) -> Any:
    """DTOs, enums, decimals and dates as JSON values."""
    result: Any = value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    elif isinstance(value, Enum):
        result = value.value
    elif isinstance(value, Decimal | Path):
        result = str(value)
    elif isinstance(value, datetime | date):
        result = value.isoformat()
    elif isinstance(value, dict):
        result = {str(to_jsonable(k)): to_jsonable(v) for k, v in value.items()}
    elif isinstance(value, list | tuple):
        result = [to_jsonable(v) for v in value]
    return result


def _emit_json(value: Any) -> None:
    print(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def _persen(value: Decimal | None) -> str:
    return "-" if value is None else format_percent(value)


# ----------------------------------------------------------------------------- commands
_OPENED: list[Callable[[], None]] = []
"""Closers of the databases opened by the running command; ``main`` calls them when it returns."""


def _context(args: argparse.Namespace, *, create: bool = True, guard: bool = True) -> Any:
    """Open the database for a command; ``guard``: the command writes (single-instance guard).

    A writing command also takes the day's first backup; a failure to write it is a warning,
    not a reason to refuse the clerk's work.
    """
    from app.services import cadangan  # noqa: PLC0415 - keep `capaian --help` fast
    from app.services.context import ServiceContext  # noqa: PLC0415

    target = args.db or default_database_path()
    db = cadangan.buka(target, create=create, penjaga_proses=guard)
    _OPENED.append(lambda: cadangan.tutup(db, penjaga_proses=guard))
    if guard:
        try:
            daily = cadangan.cadangan_harian(db)
        except UserError as exc:
            print(_("Peringatan: {msg}").format(msg=exc.message), file=sys.stderr)
        else:
            if daily is not None:
                log.info("daily backup %s", daily.berkas)
    base = db.path.parent if db.path is not None else data_dir()
    actor = getattr(args, "actor", None)
    ctx = ServiceContext(db=db, actor=actor or f"cli:{_login()}", evidence_dir=base / "bukti")
    if actor:
        from app.services import pengguna  # noqa: PLC0415

        # Once the database has accounts, --as NAMA is a login: the services check the role
        # and the audit log names the account. Before that it only labels the audit entries.
        if pengguna.ada_pengguna_terdaftar(ctx):
            ctx.actor = f"cli:{_login()}"  # failed attempts are logged under the OS login
            pengguna.masuk(ctx, actor, _password(args, actor))
    return ctx


def _password(args: argparse.Namespace, nama: str) -> str:
    """The --as user's password: --password-file, $CAPAIAN_SANDI, or asked."""
    path = getattr(args, "password_file", None)
    if path is not None:
        return _read_secret(path)
    env = os.environ.get("CAPAIAN_SANDI")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError(_("Sandi pengguna diperlukan: --password-file atau $CAPAIAN_SANDI."))
    return getpass.getpass(_("Sandi {nama}: ").format(nama=nama))


def _new_password(args: argparse.Namespace) -> str:
    """A new account password: --new-password-file, $CAPAIAN_SANDI_BARU, or asked twice."""
    if args.new_password_file is not None:
        return _read_secret(args.new_password_file)
    env = os.environ.get("CAPAIAN_SANDI_BARU")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError(_("Sandi baru diperlukan: --new-password-file atau $CAPAIAN_SANDI_BARU."))
    first = getpass.getpass(_("Sandi baru: "))
    if getpass.getpass(_("Ulangi sandi baru: ")) != first:
        raise UserError(_("Kedua sandi tidak sama."))
    return first


def _read_secret(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip("\r\n")
    except OSError as exc:
        raise UserError(_("Berkas sandi {path} tidak dapat dibaca.").format(path=path)) from exc


def _auto_backup(ctx: Any, reason: str) -> None:
    """The automatic backup before an import, merge or reply; failing it stops the command."""
    from app.services import cadangan  # noqa: PLC0415

    done = cadangan.cadangan_otomatis(ctx, reason)
    if done is not None:
        log.info("automatic backup before %s: %s", reason, done.berkas)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no user name on some service accounts
        return "tidak-dikenal"


def cmd_init(args: argparse.Namespace) -> int:
    """``capaian init``: role and office of a new database."""
    from app.scoring.types import Granularitas  # noqa: PLC0415
    from app.services import setup  # noqa: PLC0415

    ctx = _context(args)
    result = setup.init_installation(
        ctx,
        peran=args.role,
        kode=args.kode,
        nama=args.nama,
        nama_pemda=args.pemda,
        tempat=args.tempat,
        tahun=args.tahun,
        granularitas=Granularitas(args.granularitas.upper()),
        lingkungan="training" if args.latihan else "production",
    )
    if args.json:
        _emit_json({"instalasi": result.value, "db": ctx.db.display_name})
    else:
        dto = result.value
        print(
            _("Basis data {db} disiapkan untuk {peran} {kode} ({nama}).").format(
                db=ctx.db.display_name, peran=dto.peran, kode=dto.kode_kantor, nama=dto.nama_kantor
            )
        )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """``capaian demo``: build the Sabangau demo and print what was made."""
    from app.models.db import database_url  # noqa: PLC0415
    from app.services.demo import build_demo  # noqa: PLC0415

    target = args.db or default_database_path()
    if args.ganti:
        url = database_url(target)
        if not url.startswith("sqlite:///"):
            raise UserError(_("--ganti hanya untuk berkas SQLite."))
        path = Path(url.removeprefix("sqlite:///"))
        from app.services.penjaga import guarded  # noqa: PLC0415

        with guarded(path):  # never delete a database another window has open
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    ctx = _context(args)
    progress = None if args.json else _progress_printer()
    report = build_demo(
        ctx,
        size=args.size,
        seed=args.seed,
        tahun=args.tahun,
        kantor=args.kantor,
        progress=progress,
    )
    if args.json:
        _emit_json({"db": ctx.db.display_name, **to_jsonable(report)})
        return EXIT_OK
    r = report.ringkasan
    print()
    print(
        _(
            "Data contoh Sabangau ({size}, seed {seed}, tahun {tahun}) selesai dalam {s} detik."
        ).format(
            size=report.size,
            seed=report.seed,
            tahun=report.tahun,
            s=format_number(Decimal(str(report.seconds)), 1),
        )
    )
    print(_("Basis data: {db}").format(db=ctx.db.display_name))
    print(_("Bukti dukung: {path}").format(path=ctx.evidence_dir))
    for label, value in (
        (_("Unit organisasi"), r.organisasi),
        (_("Pegawai"), r.pegawai),
        (_("SKP"), r.skp),
        (_("RHK"), r.rhk),
        (_("Indikator"), r.indikator),
        (_("Realisasi"), r.realisasi),
        (_("Bukti dukung"), r.bukti_dukung),
        (_("Umpan balik"), r.umpan_balik),
        (_("Evaluasi periodik"), r.evaluasi_periodik),
        (_("Evaluasi tahunan"), r.evaluasi_tahunan),
    ):
        print(f"  {label:<20} {value:>10,}".replace(",", "."))
    print(_("Predikat tahunan:"))
    for kode, jumlah in r.evaluasi_tahunan_per_predikat.items():
        print(f"  {kode.replace('_', ' '):<20} {jumlah:>10,}".replace(",", "."))
    print(
        _("Coba: capaian --db {db} explain --nip {nip} --periode {periode}").format(
            db=ctx.db.display_name, nip=report.contoh_nip, periode=report.contoh_periode
        )
    )
    return EXIT_OK


def _progress_printer() -> Callable[[str, int, int], None]:
    def show(label: str, done: int, total: int) -> None:
        print(f"[{done}/{total}] {label}", file=sys.stderr, flush=True)

    return show


def cmd_explain(args: argparse.Namespace) -> int:
    """``capaian explain``: the derivation of one evaluation, step by step."""
    from app.scoring.capaian import nota_alat_bantu  # noqa: PLC0415
    from app.scoring.identity import format_nip  # noqa: PLC0415
    from app.scoring.rounding import angka  # noqa: PLC0415
    from app.scoring.types import JenisRhk  # noqa: PLC0415
    from app.services.evaluasi import derivasi  # noqa: PLC0415

    ctx = _context(args, create=False, guard=False)
    d = derivasi(ctx, nip=args.nip, periode_kode=args.periode)
    if args.json:
        _emit_json(d)
        return EXIT_OK
    print(_("Derivasi predikat kinerja"))
    print(f"  {_('Pegawai')}: {d.pegawai_nama} (NIP {format_nip(d.pegawai_nip or '')})")
    print(f"  {_('Jabatan')}: {d.jabatan}")
    print(f"  {_('Periode')}: {d.periode_label} ({d.periode_kode})")
    nota = nota_alat_bantu()
    print(f"  {nota}")
    print()
    print(_("1. Capaian per indikator dan RHK"))
    for number, rhk in enumerate(d.rhk, 1):
        jenis = _("utama") if rhk.jenis is JenisRhk.UTAMA else _("tambahan")
        print(f"  RHK {number} ({jenis}): {rhk.uraian}")
        for ind in rhk.indikator:
            print(
                _("    - {u}: target {t}, realisasi {r}, capaian {p}").format(
                    u=ind.uraian,
                    t="-" if ind.target is None else angka(ind.target),
                    r="-" if ind.realisasi is None else angka(ind.realisasi),
                    p=_persen(ind.persen_terbatas),
                )
            )
            for line in ind.explanation:
                if line != nota:  # said once above, not under every indicator
                    print(f"        {line}")
        print(
            "    => {c} {p}; {s} {r}".format(
                c=_("capaian RHK"),
                p=_persen(rhk.persen),
                s=_("saran"),
                r=rhk.saran.label if rhk.saran else "-",
            )
        )
    print()
    print(
        _("2. Saran rating hasil kerja: {r}").format(
            r=d.saran_rating_hasil.label if d.saran_rating_hasil else "-"
        )
    )
    for line in d.saran_rating_hasil_penjelasan:
        print(f"     {line}")
    print(
        _("3. Saran rating perilaku kerja: {r}").format(
            r=d.saran_rating_perilaku.label if d.saran_rating_perilaku else "-"
        )
    )
    for line in d.saran_rating_perilaku_penjelasan:
        print(f"     {line}")
    print(
        _("4. Capaian kinerja organisasi: {c}").format(
            c=d.capaian_organisasi.label if d.capaian_organisasi else "-"
        )
    )
    print(_("5. Penetapan oleh pejabat penilai"))
    for label, rating in (
        (_("Rating hasil kerja"), d.rating_hasil),
        (_("Rating perilaku kerja"), d.rating_perilaku),
    ):
        print(f"     {label}: {rating.label if rating else '-'}")
    print(_("6. Predikat kinerja: {p}").format(p=d.predikat.label if d.predikat else "-"))
    for line in d.predikat_penjelasan:
        print(f"     {line}")
    if d.catatan:
        print(f"  {_('Catatan')}: {d.catatan}")
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    """``capaian print``: the official sheets as PDF, with their verification codes."""
    from app.io.pdf import Kertas  # noqa: PLC0415
    from app.services.cetak import JenisLembar, cetak  # noqa: PLC0415

    if args.jenis == "ringkas":
        return _print_ringkas(args)
    ctx = _context(args, create=False, guard=False)
    result = cetak(
        ctx,
        jenis=JenisLembar(args.jenis),
        out_dir=args.out,
        periode_kode=args.periode,
        organisasi_kode=args.unit,
        nip=args.nip,
        kertas=Kertas(args.kertas),
        satu_berkas=args.satu_berkas,
        progress=None if args.json else _progress_printer(),
    )
    if args.json:
        _emit_json({**to_jsonable(result), "jumlah_lembar": result.jumlah_lembar})
        return EXIT_OK
    for berkas in result.berkas:
        print(_("{path} ({halaman} halaman)").format(path=berkas.path, halaman=berkas.halaman))
        for lembar in berkas.lembar:
            print(f"  {lembar.kode_verifikasi}  {lembar.subjek}  {lembar.nama}")
    print(
        _("{n} lembar {jenis} dicetak pada kertas {kertas}.").format(
            n=result.jumlah_lembar, jenis=result.jenis, kertas=result.kertas
        )
    )
    return EXIT_OK


def _print_ringkas(args: argparse.Namespace) -> int:
    """``capaian print ringkas --out FILE.pdf``: the one-page cheat sheet; opens no database."""
    from app.io.pdf import Kertas  # noqa: PLC0415
    from app.services.lembar_ringkas import cetak_ringkas  # noqa: PLC0415

    extra = [
        option
        for option, value in (
            ("--periode", args.periode),
            ("--unit", args.unit),
            ("--nip", args.nip),
            ("--satu-berkas", args.satu_berkas),
        )
        if value
    ]
    if extra:
        print(
            _("capaian print ringkas: {opsi} tidak berlaku untuk lembar ringkas.").format(
                opsi=", ".join(extra)
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    dto = cetak_ringkas(args.out, kertas=Kertas(args.kertas))
    if args.json:
        # The same shape as the other print commands (berkas[].path, jumlah_lembar), plus the
        # font size the sheet was fitted at; the cheat sheet has no verification code.
        _emit_json(
            {
                "jenis": "ringkas",
                "kertas": dto.kertas,
                "berkas": [{"path": dto.path, "halaman": dto.halaman, "lembar": []}],
                "dibatalkan": False,
                "jumlah_lembar": 1,
                "ukuran_huruf": dto.ukuran_huruf,
                "sumber": dto.sumber,
            }
        )
        return EXIT_OK
    print(_("{path} ({halaman} halaman)").format(path=dto.path, halaman=dto.halaman))
    print(
        _("Lembar ringkas dicetak pada kertas {kertas}, huruf {ukuran} pt.").format(
            kertas=dto.kertas, ukuran=format_number(Decimal(str(dto.ukuran_huruf)), 1)
        )
    )
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    """``capaian info``: role, office and counts."""
    from app.services.ringkasan import ringkasan  # noqa: PLC0415

    ctx = _context(args, create=False, guard=False)
    r = ringkasan(ctx)
    if args.json:
        _emit_json({"db": ctx.db.display_name, **to_jsonable(r)})
        return EXIT_OK
    print(f"{ctx.db.display_name}: {r.peran} {r.kantor}")
    for field in dataclasses.fields(r):
        value = getattr(r, field.name)
        if isinstance(value, int):
            print(f"  {field.name:<22} {value:>10,}".replace(",", "."))
    return EXIT_OK


def _passphrase(args: argparse.Namespace, *, new: bool = False) -> str:
    """The key passphrase: from --passphrase-file, $CAPAIAN_PASSPHRASE, or asked twice."""
    if args.passphrase_file is not None:
        try:
            return str(args.passphrase_file.read_text(encoding="utf-8")).strip("\r\n")
        except OSError as exc:
            raise UserError(
                _("Berkas frasa sandi {path} tidak dapat dibaca.").format(path=args.passphrase_file)
            ) from exc
    env = os.environ.get("CAPAIAN_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError(
            _("Frasa sandi kunci diperlukan: --passphrase-file atau $CAPAIAN_PASSPHRASE.")
        )
    first = getpass.getpass(_("Frasa sandi kunci: "))
    if new and getpass.getpass(_("Ulangi frasa sandi: ")) != first:
        raise UserError(_("Kedua frasa sandi tidak sama."))
    return first


def cmd_enrol(args: argparse.Namespace) -> int:
    """``capaian enrol``: keys and enrolment, on both sides."""
    from app.services import sync_export, sync_merge, sync_reverse  # noqa: PLC0415

    ctx = _context(args, create=False, guard=args.enrol_command not in ("show", "list"))
    action = args.enrol_command
    if action == "request":
        try:
            key = sync_export.info_kunci(ctx)
            passphrase = _passphrase(args)
        except UserError:
            passphrase = _passphrase(args, new=True)
            key = sync_export.buat_kunci(ctx, passphrase)
        path = sync_export.minta_pendaftaran(ctx, args.out, passphrase, args.label)
        result: Any = {"berkas": path, "kunci": key}
        text = _(
            "Permintaan pendaftaran ditulis ke {path}. Kirimkan ke BKD dan bacakan sidik jari "
            "berikut melalui telepon:\n  {fp}"
        ).format(path=path, fp=key.sidik_jari)
    elif action == "show":
        key = sync_export.info_kunci(ctx)
        result = key
        text = _("ID kunci {id}; sidik jari:\n  {fp}").format(id=key.key_id, fp=key.sidik_jari)
        if sync_export.get_role(ctx) == "bkd":
            bkd = sync_reverse.info_kunci_bkd(ctx)
            result = bkd
            text += "\n" + _("Kunci publik untuk kantor (enrol trust-bkd --key):\n  {key}").format(
                key=bkd.kunci_publik
            )
    elif action == "keygen":
        key = sync_export.buat_kunci(ctx, _passphrase(args, new=True))
        result = key
        text = _("Kunci dibuat. ID {id}; sidik jari:\n  {fp}").format(
            id=key.key_id, fp=key.sidik_jari
        )
    elif action == "trust-bkd":
        trusted = sync_reverse.percayai_bkd(ctx, args.key, args.fingerprint)
        result = trusted
        text = _("Kunci BKD {kode} dipercaya (sidik jari {fp}).").format(
            kode=trusted.kode_bkd, fp=trusted.sidik_jari
        )
    elif action == "untrust-bkd":
        dropped = sync_reverse.cabut_kunci_bkd(ctx, args.key, alasan=args.reason)
        result = dropped
        text = _(
            "Kunci BKD {id} tidak dipercaya lagi; paket balasan bertanda tangan kunci itu "
            "akan ditolak."
        ).format(id=dropped.key_id)
    elif action == "approve":
        dto, reports = sync_merge.setujui_instalasi(ctx, args.key, args.fingerprint)
        result = {"instalasi": dto, "paket_dari_karantina": [r.as_json() for r in reports]}
        text = _("Instalasi {kode} disetujui; {n} paket dari karantina diproses.").format(
            kode=dto.kode_kantor, n=len(reports)
        )
    elif action == "revoke":
        result = sync_merge.cabut_instalasi(
            ctx, args.key, setelah_seq=args.after_seq, alasan=args.reason
        )
        text = _("Kunci {kode} dicabut; paket sesudah nomor {seq} akan dikarantina.").format(
            kode=result.kode_kantor, seq=args.after_seq
        )
    else:
        rows = sync_merge.daftar_instalasi(ctx)
        result = rows
        text = "\n".join(
            f"{r.status:<10} {r.kode_kantor:<12} {r.sidik_jari}  seq {r.seq_terakhir}" for r in rows
        ) or _("Belum ada instalasi terdaftar.")
    if args.json:
        _emit_json(result)
    else:
        print(text)
    return EXIT_OK


def cmd_export_package(args: argparse.Namespace) -> int:
    """``capaian export-package``: the office's signed package of unacknowledged changes."""
    from app.services import sync_export  # noqa: PLC0415

    ctx = _context(args, create=False)
    dto = sync_export.ekspor_paket(ctx, args.out, _passphrase(args))
    if args.json:
        _emit_json(dto)
    else:
        for part in (dto, *dto.lanjutan):
            print(
                _("Paket nomor {seq} berisi {n} perubahan ditulis ke {path}.").format(
                    seq=part.seq, n=part.jumlah_op, path=part.berkas
                )
            )
    return EXIT_OK


def cmd_import_package(args: argparse.Namespace) -> int:
    """``capaian import-package``: verify and merge at BKD; one report per file."""
    from app.services import sync_merge  # noqa: PLC0415

    ctx = _context(args, create=False)
    if not args.dry_run:
        _auto_backup(ctx, "impor-paket")
    reports = [
        sync_merge.impor_paket(ctx, path, dry_run=args.dry_run)
        for path in sync_merge.urutan_impor(list(args.files))
    ]
    if args.json:
        _emit_json([r.as_json() for r in reports])
    else:
        for report in reports:
            mode = _(" (uji coba, tidak disimpan)") if report.uji_coba else ""
            print(f"{report.berkas}: {report.status}{mode}")
            print(f"  {report.pesan}")
            for item in report.konflik[:20]:
                print(f"  - {item['jenis']} {item['entitas']}: {item['pesan']}")
            for warning in report.peringatan:
                print(f"  ! {warning}")
            for held in report.lanjutan:
                print(
                    "  + "
                    + _("paket tertahan {berkas} kini digabung: {status}").format(
                        berkas=held["berkas"], status=held["status"]
                    )
                )
    refused = {sync_merge.DITOLAK, sync_merge.GAGAL}
    return EXIT_USER_ERROR if any(r.status in refused for r in reports) else EXIT_OK


def cmd_reply_package(args: argparse.Namespace) -> int:
    """``capaian reply-package``: BKD's signed answer to one office."""
    from app.services import sync_reverse  # noqa: PLC0415

    ctx = _context(args, create=False)
    path = sync_reverse.buat_paket_balasan(ctx, args.office, args.out, _passphrase(args))
    if args.json:
        _emit_json({"berkas": path})
    else:
        print(_("Paket balasan ditulis ke {path}.").format(path=path))
    return EXIT_OK


def cmd_apply_reply(args: argparse.Namespace) -> int:
    """``capaian apply-reply``: the office applies BKD's reverse packages."""
    from app.services import sync_reverse  # noqa: PLC0415

    ctx = _context(args, create=False)
    _auto_backup(ctx, "terapkan-balasan")
    reports = [sync_reverse.terapkan_paket_balasan(ctx, path) for path in args.files]
    if args.json:
        _emit_json([r.as_json() for r in reports])
    else:
        for report in reports:
            print(f"{report.berkas}: {report.status}")
            print(f"  {report.pesan}")
            for item in report.konflik[:20]:
                print(f"  - {item.get('pesan')}")
            for item in report.mutasi:
                print(f"  > {item['pesan']}")
            for item in report.tertunda[:20]:
                print(f"  ~ {item}")
            for warning in report.peringatan:
                print(f"  ! {warning}")
    return EXIT_USER_ERROR if any(r.status == "DITOLAK" for r in reports) else EXIT_OK


def _conflicts_resolve(args: argparse.Namespace, ctx: Any) -> int:
    from app.services import sync_merge  # noqa: PLC0415

    if not args.id or not args.keep:
        raise UserError(
            _(
                "Gunakan: capaian conflicts resolve ID (atau resolve-group "
                "JENIS:KANTOR:ENTITAS) --keep current|incoming|merge --note TEKS"
            )
        )
    choice = {"incoming": sync_merge.AMBIL_MASUK, "merge": sync_merge.GABUNG}.get(
        args.keep, sync_merge.TETAP_SEKARANG
    )
    note = args.note or ""
    done: tuple[Any, ...]
    if args.aksi == "resolve":
        done = (sync_merge.selesaikan_konflik(ctx, args.id, pilihan=choice, catatan=note),)
    else:
        done = sync_merge.selesaikan_kelompok(ctx, args.id, pilihan=choice, catatan=note)
    if args.json:
        _emit_json(done if args.aksi == "resolve-group" else done[0])
        return EXIT_OK
    for row in done:
        print(_("Konflik {id} diselesaikan: {status}.").format(id=row.id[:8], status=row.status))
    return EXIT_OK


def _conflicts_groups(args: argparse.Namespace, ctx: Any) -> int:
    from app.services import sync_merge  # noqa: PLC0415

    groups = sync_merge.kelompok_konflik(ctx)
    if args.json:
        _emit_json([{**to_jsonable(g), "kunci": g.kunci} for g in groups])
        return EXIT_OK
    for g in groups:
        print(f"{g.jumlah:>6}  {g.kunci}  ({_('tertua')}: {g.tertua:%Y-%m-%d})")
    if not groups:
        print(_("Tidak ada konflik terbuka."))
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace) -> int:
    """``capaian conflicts``: the open conflicts, grouped."""
    from app.services import sync_merge  # noqa: PLC0415

    writes = args.aksi in ("resolve", "resolve-group")
    ctx = _context(args, create=False, guard=writes)
    if writes:
        return _conflicts_resolve(args, ctx)
    if args.aksi == "groups":
        return _conflicts_groups(args, ctx)
    rows = sync_merge.daftar_konflik(ctx)
    if args.aksi == "show":
        rows = tuple(r for r in rows if args.id and r.id.startswith(args.id))
        if not rows:
            raise UserError(_("Konflik terbuka {id} tidak ditemukan.").format(id=args.id))
    if args.json:
        _emit_json(rows)
        return EXIT_OK
    for row in rows:
        print(f"{row.id[:8]} {row.jenis:<22} {row.kode_kantor:<10} {row.entitas}: {row.pesan}")
        if args.aksi == "show":
            print(f"  {_('Kunci')}: {row.kunci_alami}")
            for name, sides in row.medan.items():
                print(
                    "  {f}: {b} {base} | {m} {masuk} | {s} {now}".format(
                        f=name,
                        b=_("dasar"),
                        base=sides.get("base"),
                        m=_("dari kantor"),
                        masuk=sides.get("masuk"),
                        s=_("sekarang"),
                        now=sides.get("sekarang"),
                    )
                )
    if not rows:
        print(_("Tidak ada konflik terbuka."))
    return EXIT_OK


def cmd_mutasi(args: argparse.Namespace) -> int:
    """``capaian mutasi``: (BKD) record a transfer, or list the recorded ones."""
    from app.services import mutasi  # noqa: PLC0415

    ctx = _context(args, create=False, guard=args.mutasi_command == "catat")
    if args.mutasi_command == "catat":
        done = mutasi.catat_mutasi(
            ctx,
            nip=args.nip,
            unit_tujuan=args.ke,
            tanggal_berlaku=args.berlaku,
            nomor_sk=args.sk,
            catatan=args.catatan,
        ).value
        rows: tuple[Any, ...] = (done,)
    else:
        rows = mutasi.list_mutasi(ctx, nip=args.nip)
    if args.json:
        _emit_json(rows if args.mutasi_command == "list" else rows[0])
        return EXIT_OK
    for row in rows:
        print(
            _("{nama} ({nip}): {asal} ({ka}) -> {tujuan} ({kt}) sejak {tanggal}").format(
                nama=row.nama,
                nip=row.nip,
                asal=row.unit_asal,
                ka=row.kantor_asal or "-",
                tujuan=row.unit_tujuan,
                kt=row.kantor_tujuan or "-",
                tanggal=row.tanggal_berlaku.isoformat(),
            )
        )
    if not rows:
        print(_("Belum ada mutasi tercatat."))
    return EXIT_OK


def cmd_periode(args: argparse.Namespace) -> int:
    """``capaian periode``: list periods; (BKD) close or reopen one with a reason."""
    from app.services import setup  # noqa: PLC0415

    ctx = _context(args, create=False, guard=args.aksi != "list")
    rows: tuple[Any, ...]
    if args.aksi in ("kunci", "buka"):
        if not args.kode:
            raise UserError(_("Gunakan: capaian periode kunci|buka KODE --alasan TEKS"))
        rows = (
            setup.kunci_periode(
                ctx, args.kode, alasan=args.alasan or "", buka=args.aksi == "buka"
            ).value,
        )
    else:
        rows = setup.list_periods(ctx, args.tahun)
    if args.json:
        _emit_json(rows if args.aksi == "list" else rows[0])
        return EXIT_OK
    for row in rows:
        state = _("terkunci") if row.terkunci else _("terbuka")
        print(f"{row.kode:<9} {row.label:<28} {state}")
    return EXIT_OK


def cmd_katalog(args: argparse.Namespace) -> int:
    """``capaian katalog``: BKD's indicator catalogue."""
    from app.scoring.periode import CaraAgregasi  # noqa: PLC0415
    from app.scoring.types import Aspek, Perspektif, Polaritas  # noqa: PLC0415
    from app.services import katalog  # noqa: PLC0415

    ctx = _context(args, create=False)
    rows: tuple[Any, ...]
    if args.aksi == "add":
        if not args.kode or not args.uraian:
            raise UserError(_("Gunakan: capaian katalog add --kode KODE --uraian TEKS [...]"))
        data = katalog.KatalogInput(
            kode=args.kode,
            uraian=args.uraian,
            satuan=args.satuan,
            aspek=Aspek(args.aspek.upper()) if args.aspek else None,
            perspektif=Perspektif(args.perspektif.upper()) if args.perspektif else None,
            polaritas=Polaritas(args.polaritas.upper()),
            cara_agregasi=CaraAgregasi(args.agregasi.upper()) if args.agregasi else None,
            wajib_bukti=args.wajib_bukti,
            jabatan=args.jabatan,
        )
        rows = (katalog.simpan_katalog(ctx, data).value,)
    elif args.aksi == "retire":
        if not args.kode:
            raise UserError(_("Gunakan: capaian katalog retire --kode KODE"))
        rows = (katalog.pensiunkan_katalog(ctx, args.kode).value,)
    else:
        rows = katalog.list_katalog(ctx, cari=args.cari, semua=args.semua)
    if args.json:
        _emit_json(rows if args.aksi == "list" else rows[0])
        return EXIT_OK
    for row in rows:
        state = "" if row.aktif else " " + _("(dipensiunkan)")
        print(f"{row.kode:<16} {row.uraian} [{row.satuan or '-'}]{state}")
    if not rows:
        print(_("Katalog kosong."))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """``capaian check``: the data-quality gate; exit 1 when a finding blocks export."""
    from app.services.pemeriksaan import BLOKIR, periksa  # noqa: PLC0415

    ctx = _context(args, create=False, guard=False)
    result = periksa(ctx)
    if args.json:
        _emit_json({"boleh_ekspor": result.boleh_ekspor, "temuan": result.temuan})
    else:
        for finding in result.temuan:
            print(f"[{finding.tingkat}] {finding.kode} ({finding.jumlah}): {finding.pesan}")
            for example in finding.contoh[:5]:
                print(f"    - {example}")
            if finding.jumlah > 5:
                print("    " + _("... dan {n} lainnya").format(n=finding.jumlah - 5))
        if not result.temuan:
            print(_("Tidak ada temuan; data siap dikirim."))
        elif result.boleh_ekspor:
            print(_("Hanya peringatan; paket tetap dapat dikirim."))
        else:
            print(_("Ada temuan yang menghalangi pengiriman paket."))
    blocked = any(t.tingkat == BLOKIR for t in result.temuan)
    return EXIT_USER_ERROR if blocked else EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    """``capaian template``: an empty (or, for realisasi, pre-filled) validated workbook."""
    from app.services import excel  # noqa: PLC0415

    ctx = _context(args, create=False, guard=False)
    path = excel.buat_template(
        ctx, args.jenis, args.file, periode_kode=args.periode, organisasi_kode=args.unit
    )
    if args.json:
        _emit_json({"berkas": path})
    else:
        print(_("Templat {jenis} ditulis ke {path}.").format(jenis=args.jenis, path=path))
    return EXIT_OK


def cmd_import_excel(args: argparse.Namespace) -> int:
    """``capaian import-excel``: validate every row, then store all or nothing."""
    from app.services import excel  # noqa: PLC0415

    ctx = _context(args, create=False)
    if not args.dry_run:
        _auto_backup(ctx, "impor-excel")
    report = excel.impor_excel(
        ctx,
        args.jenis,
        args.file,
        uji_coba=args.dry_run,
        periode_kode=args.periode,
        laporan=args.laporan,
    ).value
    if args.json:
        _emit_json(report)
        return EXIT_OK if report.ok else EXIT_USER_ERROR
    mode = _(" (uji coba, tidak disimpan)") if report.uji_coba else ""
    if report.ok:
        print(
            _(
                "{berkas}: {n} baris diperiksa{mode}: {baru} baru, {ubah} diubah, {sama} sama, "
                "{lewat} dilewati."
            ).format(
                berkas=report.berkas,
                n=report.baris,
                mode=mode,
                baru=report.baru,
                ubah=report.diubah,
                sama=report.sama,
                lewat=report.dilewati,
            )
        )
    else:
        print(
            _("{berkas}: {n} kesalahan; tidak ada data yang disimpan.").format(
                berkas=report.berkas, n=len(report.masalah)
            ),
            file=sys.stderr,
        )
        for item in report.masalah[:20]:
            where = _("baris {b}").format(b=item.baris) if item.baris else _("berkas")
            print(f"  - {where}: {item.pesan}", file=sys.stderr)
        if len(report.masalah) > 20:
            print(
                "  " + _("... dan {n} lainnya").format(n=len(report.masalah) - 20), file=sys.stderr
            )
        print(_("Laporan kesalahan: {path}").format(path=report.laporan_kesalahan), file=sys.stderr)
    if report.kolom_diabaikan:
        print(_("Kolom diabaikan: {cols}").format(cols=", ".join(report.kolom_diabaikan)))
    for warning in report.peringatan[:20]:
        print(f"  ! {warning}")
    return EXIT_OK if report.ok else EXIT_USER_ERROR


def cmd_export_excel(args: argparse.Namespace) -> int:
    """``capaian export-excel``: staff, SKPs, realisations or the recap of a period."""
    from app.services import excel  # noqa: PLC0415

    ctx = _context(args, create=False, guard=False)
    report = excel.ekspor_excel(
        ctx, args.jenis, args.file, periode_kode=args.periode, organisasi_kode=args.unit
    )
    if args.json:
        _emit_json(report)
    else:
        print(
            _("{n} baris {jenis} ditulis ke {path}.").format(
                n=report.baris, jenis=args.jenis, path=report.berkas
            )
        )
    return EXIT_OK


def cmd_user(args: argparse.Namespace) -> int:
    """``capaian user``: accounts (the services decide who may do what)."""
    from app.services import pengguna  # noqa: PLC0415

    ctx = _context(args, create=False)
    action = args.user_command
    result: Any
    if action == "list":
        result = pengguna.daftar_pengguna(ctx)
        text = "\n".join(
            f"{u.nama_pengguna:<20} {u.peran:<12} "
            f"{_('aktif') if u.aktif else _('nonaktif'):<9} {u.nama_lengkap}"
            + (f" (NIP {u.pegawai_nip})" if u.pegawai_nip else "")
            for u in result
        ) or _("Belum ada akun pengguna.")
    elif action == "add":
        result = pengguna.buat_pengguna(
            ctx,
            nama_pengguna=args.nama,
            nama_lengkap=args.nama_lengkap,
            peran=args.peran,
            sandi=_new_password(args),
            pegawai_nip=args.nip,
        ).value
        text = _("Akun {nama} ({peran}) dibuat.").format(
            nama=result.nama_pengguna, peran=result.peran
        )
    elif action == "passwd":
        if ctx.pengguna is None:
            raise UserError(_("Gunakan: capaian --as NAMA user passwd"))
        pengguna.ganti_sandi(ctx, _password(args, ctx.pengguna.nama_pengguna), _new_password(args))
        result = {"nama_pengguna": ctx.pengguna.nama_pengguna}
        text = _("Sandi {nama} diganti.").format(nama=ctx.pengguna.nama_pengguna)
    elif action == "reset":
        result = pengguna.reset_sandi(ctx, args.nama, _new_password(args)).value
        text = _("Sandi {nama} diatur ulang; kuncinya dibuka.").format(nama=result.nama_pengguna)
    else:
        result = pengguna.nonaktifkan(ctx, args.nama, aktif=action == "enable").value
        text = (
            _("Akun {nama} aktif kembali.") if result.aktif else _("Akun {nama} dinonaktifkan.")
        ).format(nama=result.nama_pengguna)
    if args.json:
        _emit_json(result)
    else:
        print(text)
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    """``capaian history``: the audit entries about one employee or one record."""
    from app.services import riwayat  # noqa: PLC0415

    ctx = _context(args, create=False)
    if args.nip:
        rows = riwayat.riwayat_pegawai(ctx, args.nip)
    elif args.entitas and args.id:
        rows = riwayat.riwayat(ctx, args.entitas, args.id)
    else:
        raise UserError(_("Gunakan: capaian history --nip NIP, atau --entitas TABEL --id ID"))
    if args.json:
        _emit_json(rows)
        return EXIT_OK
    for row in rows:
        print(
            f"{row.seq:>6} {row.waktu.isoformat(sep=' ')} {row.pelaku:<16} {row.perintah:<20} "
            f"{row.aksi:<7} {row.entitas} {row.entitas_id[:8]}"
        )
        for key, value in (row.sesudah or {}).items():
            before = (row.sebelum or {}).get(key)
            print(
                f"         {key}: {before!r} -> {value!r}"
                if row.sebelum
                else f"         {key}: {value!r}"
            )
    if not rows:
        print(_("Belum ada riwayat."))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    """``capaian backup``: an online copy now, or the list of backups."""
    from app.services import cadangan  # noqa: PLC0415

    if args.list:
        path = _sqlite_target(args)
        rows = cadangan.daftar_cadangan(path)
        if args.json:
            _emit_json(rows)
            return EXIT_OK
        if not rows:
            print(
                _("Belum ada cadangan di {folder}.").format(folder=cadangan.folder_cadangan(path))
            )
        for row in rows:
            waktu = row.waktu.strftime("%Y-%m-%d %H:%M:%S") if row.waktu else "-"
            size = format_number(Decimal(row.ukuran) / Decimal(1 << 20), 1)
            print(f"{waktu}  {row.jenis:<16} {size:>8} MB  {row.berkas}")
        return EXIT_OK
    ctx = _context(args, create=False, guard=False)
    done = cadangan.buat_cadangan(ctx.db, args.file)
    if args.json:
        _emit_json(done)
    else:
        print(_("Cadangan ditulis ke {path}.").format(path=done.berkas))
    return EXIT_OK


def _sqlite_target(args: argparse.Namespace) -> Path:
    from app.models.db import database_url  # noqa: PLC0415

    url = database_url(args.db or default_database_path())
    if not url.startswith("sqlite:///"):
        raise UserError(_("Cadangan dan pemulihan hanya untuk SQLite; gunakan pg_dump/pg_restore."))
    return Path(url.removeprefix("sqlite:///"))


def cmd_restore(args: argparse.Namespace) -> int:
    """``capaian restore``: verify the backup, keep the current file, then replace it."""
    from app.services import cadangan  # noqa: PLC0415

    path = _sqlite_target(args)
    kantor, revisi = cadangan.periksa_cadangan(args.file)
    if path.exists():
        try:
            ctx = _context(args, create=False, guard=False)
        except AksesDitolakError:
            raise
        except UserError as exc:
            # Too damaged (or too new) to open: it has no accounts to ask; restoring is the
            # way back, as the message about the damaged file says.
            log.info("restore over an unopenable database: %s", exc.message)
        else:
            cadangan.izinkan_pemulihan(ctx)
            cadangan.tutup(ctx.db, penjaga_proses=False)  # no handle left on the file
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                _("Pemulihan mengganti basis data {db}; tambahkan --yes untuk melanjutkan.").format(
                    db=path
                )
            )
        answer = input(
            _("Ganti basis data {db} dengan cadangan {file} (kantor {kantor})? Ketik ya: ").format(
                db=path, file=args.file, kantor=kantor or "-"
            )
        )
        if answer.strip().lower() not in ("ya", "y", "yes"):
            print(_("Dibatalkan; basis data tidak diubah."))
            return EXIT_USER_ERROR
    result = cadangan.pulihkan(path, args.file)
    if args.json:
        _emit_json(result)
        return EXIT_OK
    print(
        _("Basis data {db} dipulihkan dari {file} (kantor {kantor}, skema {rev}).").format(
            db=result.basis_data, file=result.sumber, kantor=kantor or "-", rev=revisi or "-"
        )
    )
    if result.sebelum_pulih is not None:
        print(_("Basis data sebelumnya disimpan sebagai {path}.").format(path=result.sebelum_pulih))
    return EXIT_OK


def cmd_pengaturan(args: argparse.Namespace) -> int:
    """``capaian pengaturan``: list or change office settings; this PC's interface language."""
    from app.services import pengaturan  # noqa: PLC0415

    action = args.pengaturan_command
    if action == "bahasa":
        from app.preferensi import save_language  # noqa: PLC0415

        path = save_language(args.bahasa)
        if args.json:
            _emit_json({"bahasa": args.bahasa, "berkas": path})
        else:
            print(
                _("Bahasa antarmuka PC ini: {bahasa} (disimpan di {path}).").format(
                    bahasa=args.bahasa, path=path
                )
            )
        return EXIT_OK
    if action == "set":
        ctx = _context(args, create=False)
        row = pengaturan.ubah_pengaturan(ctx, args.kunci, args.nilai, args.berlaku).value
        if args.json:
            _emit_json(row)
        else:
            print(
                _("{label}: {nilai} ({sumber}).").format(
                    label=row.label, nilai=row.teks, sumber=pengaturan.asal_nilai(row)
                )
            )
        return EXIT_OK
    ctx = _context(args, create=False, guard=False)
    rows = pengaturan.daftar_pengaturan(ctx, args.tahun or ctx.today().year)
    if args.json:
        _emit_json(rows)
        return EXIT_OK
    for row in rows:
        print(f"{row.kunci:<26} {row.teks}")
        print(f"{'':<26} {row.label}; {pengaturan.asal_nilai(row)}")
        if not row.dapat_diubah:
            print(f"{'':<26} " + _("tidak dapat diubah: {alasan}").format(alasan=row.alasan))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "pengaturan": cmd_pengaturan,
    "user": cmd_user,
    "history": cmd_history,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "template": cmd_template,
    "import-excel": cmd_import_excel,
    "export-excel": cmd_export_excel,
    "check": cmd_check,
    "init": cmd_init,
    "demo": cmd_demo,
    "explain": cmd_explain,
    "info": cmd_info,
    "print": cmd_print,
    "enrol": cmd_enrol,
    "export-package": cmd_export_package,
    "import-package": cmd_import_package,
    "conflicts": cmd_conflicts,
    "reply-package": cmd_reply_package,
    "apply-reply": cmd_apply_reply,
    "mutasi": cmd_mutasi,
    "periode": cmd_periode,
    "katalog": cmd_katalog,
}


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one return per exit code
    """Entry point of ``capaian``; returns the process exit code."""
    raw = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before the parser builds its (translated) help texts: --lang,
    # else this PC's preference (``capaian pengaturan bahasa``), else Indonesian.
    explicit = _explicit_language(raw)
    set_language(explicit or "id")
    if "--smoke-test" in raw:  # before logging: the check never touches the user's data folder
        from app.smoke import run_smoke_test  # noqa: PLC0415

        return run_smoke_test()
    setup_logging()  # first, so a damaged preference file is reported in the log
    if explicit is None:
        from app.preferensi import preferred_language  # noqa: PLC0415

        set_language(preferred_language())
    parser = build_parser()
    args = parser.parse_args(raw)
    if args.command is None:
        parser.print_help()
        print()
        print(
            _(
                "Tanpa perintah, 'capaian' membuka antarmuka grafis bila ada layar; di sini "
                "tidak ada layar, jadi gunakan salah satu perintah di atas, mis. 'capaian demo'."
            )
        )
        return EXIT_OK
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        log.info("user error in %s: %s", args.command, exc.message)
        if args.json:
            _emit_json({"error": exc.message, "field": exc.field})
        else:
            print(_("Kesalahan: {msg}").format(msg=exc.message), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(_("Dibatalkan."), file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head`: stop quietly, like other CLI tools
        sys.stderr.close()
        return EXIT_OK
    except Exception:
        # A bug, not the user's fault: keep the details in the log for the report, and say so.
        log.exception("unexpected error in %s", args.command)
        print(
            _(
                "Terjadi kesalahan tak terduga (bug) pada Capaian. Data tidak diubah oleh "
                "perintah yang gagal. Kirimkan berkas log {log} kepada pengelola aplikasi."
            ).format(log=log_path()),
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        while _OPENED:  # close connection pools (a PostgreSQL server counts its clients)
            _OPENED.pop()()


def log_path() -> Path:
    """The rotating log file in the user data folder."""
    return data_dir() / "log" / "capaian.log"


def setup_logging() -> None:
    """Log to a rotating file (1 MiB x 5); a folder that cannot be written only loses the log."""
    root = logging.getLogger("capaian")
    if root.handlers:
        return
    root.setLevel(logging.INFO)
    try:
        log_path().parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_path(), maxBytes=1 << 20, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


def _explicit_language(raw: list[str]) -> str | None:
    """The language given with ``--lang`` (or ``--lang=``), None when not given."""
    for lang in ("id", "en"):
        if f"--lang={lang}" in raw or _after(raw, "--lang") == lang:
            return lang
    return None


def _after(items: list[str], flag: str) -> str | None:
    if flag in items:
        index = items.index(flag)
        if index + 1 < len(items):
            return items[index + 1]
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
