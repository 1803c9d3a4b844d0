<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AccessPanel</name>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="79"/>
        <source>Larger text</source>
        <translation>Teks lebih besar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="80"/>
        <source>High contrast</source>
        <translation>Kontras tinggi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="81"/>
        <source>Read aloud</source>
        <translation>Bacakan layar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="82"/>
        <source>Slower speech</source>
        <translation>Bicara lebih lambat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="83"/>
        <source>Everything within reach</source>
        <translation>Semua dalam jangkauan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="85"/>
        <source>Easy access: choose what helps you</source>
        <translation>Akses Mudah: pilih yang membantu Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="94"/>
        <source>This kiosk cannot speak right now. Staff can read the screen with you.</source>
        <translation>Anjungan ini belum dapat bersuara. Petugas dapat membacakan layar untuk Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="101"/>
        <source>Volume %1 of %2</source>
        <translation>Volume %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="105"/>
        <source>Quieter</source>
        <translation>Lebih pelan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="106"/>
        <source>Louder</source>
        <translation>Lebih keras</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="107"/>
        <source>Turn off easy access</source>
        <translation>Matikan Akses Mudah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/access_panel.py" line="108"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/base.py" line="70"/>
        <source>Back to the admin menu</source>
        <translation>Kembali ke menu admin</translation>
    </message>
</context>
<context>
    <name>AgencyScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="38"/>
        <source>Choose an agency</source>
        <translation>Pilih instansi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="39"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/agency.py" line="65"/>
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n layanan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="68"/>
        <source>%1 of %2 services open now</source>
        <translation>%1 dari %2 layanan buka sekarang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="78"/>
        <source>Closed now · opens today at %1</source>
        <translation>Sedang tutup · buka hari ini pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="79"/>
        <source>Closed now</source>
        <translation>Sedang tutup</translation>
    </message>
</context>
<context>
    <name>BookingScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/booking.py" line="44"/>
        <source>Check in for your appointment</source>
        <translation>Lapor kedatangan untuk janji temu Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/booking.py" line="49"/>
        <source>Type the booking code from your confirmation message, for example BDG-7K3P9, or hold its QR code under the scanner.</source>
        <translation>Ketik kode pendaftaran dari pesan konfirmasi Anda, misalnya BDG-7K3P9, atau dekatkan kode QR-nya ke pemindai.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/booking.py" line="58"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/booking.py" line="59"/>
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/booking.py" line="59"/>
        <source>Check in</source>
        <translation>Lapor kedatangan</translation>
    </message>
</context>
<context>
    <name>ClosingPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="43"/>
        <source>Closed for today. Please come back tomorrow.</source>
        <translation>Tutup untuk hari ini. Silakan datang kembali besok.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="44"/>
        <source>Closed for maintenance. Please ask at the help desk.</source>
        <translation>Tutup untuk pemeliharaan. Silakan bertanya di meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="45"/>
        <source>Today&apos;s queue is full. Please come back tomorrow.</source>
        <translation>Antrean hari ini sudah penuh. Silakan datang kembali besok.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="50"/>
        <source>Close for the day</source>
        <translation>Tutup untuk hari ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="54"/>
        <source>Close the kiosk</source>
        <translation>Tutup anjungan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="55"/>
        <source>Open the kiosk again</source>
        <translation>Buka kembali anjungan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="61"/>
        <source>Closed now, showing: %1</source>
        <translation>Sedang tutup, menampilkan: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="63"/>
        <source>Open now. Choose or type the message citizens will see.</source>
        <translation>Sedang buka. Pilih atau ketik pesan yang akan dilihat warga.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="83"/>
        <source>Closed until the end of today.</source>
        <translation>Tutup sampai akhir hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/closing_page.py" line="85"/>
        <source>The kiosk is open again.</source>
        <translation>Anjungan sudah dibuka kembali.</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="86"/>
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="87"/>
        <source>Fee: %1</source>
        <translation>Biaya: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="91"/>
        <source>%1 people waiting · about %2 minutes</source>
        <translation>%1 orang menunggu · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="96"/>
        <source>Queue length not known right now</source>
        <translation>Panjang antrean belum diketahui saat ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="97"/>
        <source>Where: %1</source>
        <translation>Lokasi: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="98"/>
        <source>Please bring</source>
        <translation>Harap membawa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="100"/>
        <source>No documents needed.</source>
        <translation>Tidak perlu dokumen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="115"/>
        <source>Identified: %1</source>
        <translation>Teridentifikasi: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="117"/>
        <source>This service needs your ID card or NIK; you will be asked next.</source>
        <translation>Layanan ini memerlukan KTP-el atau NIK Anda; Anda akan diminta pada langkah berikutnya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="124"/>
        <source>You are 60 or older, so we chose the elderly priority queue for you. Touch it again if you prefer the normal queue.</source>
        <translation>Usia Anda 60 tahun ke atas, jadi kami memilihkan antrean prioritas lansia. Sentuh sekali lagi bila Anda memilih antrean biasa.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="129"/>
        <source>Priority queue (optional): choose if it applies to you</source>
        <translation>Antrean prioritas (opsional): pilih bila sesuai dengan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="131"/>
        <source>Elderly (60+)</source>
        <translation>Lansia (60+)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="132"/>
        <source>Disability</source>
        <translation>Disabilitas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="133"/>
        <source>Pregnant</source>
        <translation>Ibu hamil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="138"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="139"/>
        <source>Take my number</source>
        <translation>Ambil nomor antrean</translation>
    </message>
</context>
<context>
    <name>DiagnosticsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="49"/>
        <source>Settings file</source>
        <translation>Berkas pengaturan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="50"/>
        <source>Card reader</source>
        <translation>Pembaca kartu</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="51"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="52"/>
        <source>Central service</source>
        <translation>Layanan pusat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="53"/>
        <source>TLS certificate</source>
        <translation>Sertifikat TLS</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="54"/>
        <source>Disk space</source>
        <translation>Ruang disk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="55"/>
        <source>Journal backlog</source>
        <translation>Antrean jurnal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="56"/>
        <source>Versions</source>
        <translation>Versi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="57"/>
        <source>Qt binding</source>
        <translation>Pustaka Qt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="58"/>
        <source>Test page</source>
        <translation>Halaman uji</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="63"/>
        <source>Diagnostics</source>
        <translation>Diagnostik</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="64"/>
        <source>Run the checks again</source>
        <translation>Jalankan pemeriksaan lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="65"/>
        <source>Print test page</source>
        <translation>Cetak halaman uji</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="66"/>
        <source>Export logs</source>
        <translation>Ekspor log</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="79"/>
        <source>Running the checks…</source>
        <translation>Menjalankan pemeriksaan…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="90"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="90"/>
        <source>WARN</source>
        <translation>PERINGATAN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="90"/>
        <source>FAIL</source>
        <translation>GAGAL</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="108"/>
        <source>The checks could not run: %1</source>
        <translation>Pemeriksaan tidak dapat dijalankan: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="113"/>
        <source>All checks passed.</source>
        <translation>Semua pemeriksaan lulus.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="114"/>
        <source>Some checks need attention.</source>
        <translation>Beberapa pemeriksaan perlu diperhatikan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="115"/>
        <source>Some checks failed: see what to do beside each one.</source>
        <translation>Beberapa pemeriksaan gagal: lihat tindakan di samping masing-masing.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="123"/>
        <source>Printing the test page…</source>
        <translation>Mencetak halaman uji…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="129"/>
        <source>Test page not printed: %1</source>
        <translation>Halaman uji tidak tercetak: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="134"/>
        <source>Test page printed.</source>
        <translation>Halaman uji sudah dicetak.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="147"/>
        <source>Export to:</source>
        <translation>Ekspor ke:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="155"/>
        <source>Writing the log bundle…</source>
        <translation>Menulis paket log…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="160"/>
        <source>Export failed: %1</source>
        <translation>Ekspor gagal: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/diagnostics_page.py" line="162"/>
        <source>Logs exported to %1</source>
        <translation>Log diekspor ke %1</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/enrol_page.py" line="40"/>
        <source>Enrolment</source>
        <translation>Pendaftaran terminal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrol_page.py" line="43"/>
        <source>Type the one-time code from the central service&apos;s operator. The token is stored on this kiosk only (file mode 0600).</source>
        <translation>Ketik kode sekali pakai dari operator layanan pusat. Token hanya disimpan di anjungan ini (mode berkas 0600).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrol_page.py" line="48"/>
        <source>Enrol this kiosk</source>
        <translation>Daftarkan anjungan ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrol_page.py" line="59"/>
        <source>Terminal id: %1</source>
        <translation>ID terminal: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrol_page.py" line="62"/>
        <source>Code: %1</source>
        <translation>Kode: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrol_page.py" line="75"/>
        <source>Contacting the central service…</source>
        <translation>Menghubungi layanan pusat…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrol_page.py" line="81"/>
        <source>Enrolment failed: %1</source>
        <translation>Pendaftaran gagal: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrol_page.py" line="86"/>
        <source>Enrolled as %1. Restart the kiosk to use the new identity.</source>
        <translation>Terdaftar sebagai %1. Mulai ulang anjungan untuk memakai identitas baru.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="94"/>
        <source>Step %1 of %2</source>
        <translation>Langkah %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="99"/>
        <source>Easy access</source>
        <translation>Akses Mudah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="100"/>
        <source>Accessibility mode: large text, high contrast, speech, more time</source>
        <translation>Mode aksesibilitas: teks besar, kontras tinggi, suara, waktu lebih lama</translation>
    </message>
</context>
<context>
    <name>HelpCall</name>
    <message>
        <location filename="../../kiosk/ui/help_call.py" line="46"/>
        <source>Call staff</source>
        <translation>Panggil petugas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_call.py" line="50"/>
        <source>Staff</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_call.py" line="75"/>
        <source>Call a staff member to help you</source>
        <translation>Panggil petugas untuk membantu Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_call.py" line="84"/>
        <source>%1 is coming to help you.</source>
        <translation>%1 sedang menuju ke sini untuk membantu Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_call.py" line="86"/>
        <source>The call did not get through. Please ask at the information desk.</source>
        <translation>Panggilan tidak terkirim. Silakan bertanya di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_call.py" line="87"/>
        <source>Staff are on their way. Please wait here.</source>
        <translation>Petugas akan segera datang. Mohon tunggu di sini.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="43"/>
        <source>Admin menu</source>
        <translation>Menu admin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="44"/>
        <source>Technician</source>
        <translation>Teknisi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="44"/>
        <source>Staff</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="47"/>
        <source>The kiosk is closed for citizens today.</source>
        <translation>Anjungan ditutup untuk warga hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="47"/>
        <source>The kiosk is open for citizens.</source>
        <translation>Anjungan buka untuk warga.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="51"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="52"/>
        <source>Terminal name, time limits, languages; central and printer for technicians</source>
        <translation>Nama terminal, batas waktu, bahasa; layanan pusat dan printer untuk teknisi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="54"/>
        <source>Services on this kiosk</source>
        <translation>Layanan di anjungan ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="54"/>
        <source>Switch services on or off here</source>
        <translation>Aktifkan atau nonaktifkan layanan di sini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="55"/>
        <source>Close for the day</source>
        <translation>Tutup untuk hari ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="55"/>
        <source>Close the kiosk with a message, or open it again</source>
        <translation>Tutup anjungan dengan pesan, atau buka kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="56"/>
        <source>Enrolment</source>
        <translation>Pendaftaran terminal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="56"/>
        <source>Register this kiosk with the central service (technician)</source>
        <translation>Daftarkan anjungan ini ke layanan pusat (teknisi)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="57"/>
        <source>Diagnostics</source>
        <translation>Diagnostik</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="57"/>
        <source>Card reader, printer, central, disk, logs</source>
        <translation>Pembaca kartu, printer, layanan pusat, disk, log</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/home_page.py" line="62"/>
        <source>Leave admin mode</source>
        <translation>Keluar dari mode admin</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="70"/>
        <source>This service needs your identity</source>
        <translation>Layanan ini memerlukan identitas Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="73"/>
        <source>Place your ID card on the reader</source>
        <translation>Tempelkan kartu identitas Anda pada pembaca</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="80"/>
        <source>e-KTP or e-passport: hold it flat on the reader until the screen changes.</source>
        <translation>KTP-el atau paspor elektronik: tahan rata di atas pembaca sampai layar berubah.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="83"/>
        <source>The card reader is not available right now.</source>
        <translation>Pembaca kartu sedang tidak tersedia.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="84"/>
        <source>Please type your NIK instead.</source>
        <translation>Silakan ketik NIK Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="87"/>
        <source>Or type your NIK (16 digits)</source>
        <translation>Atau ketik NIK Anda (16 angka)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="87"/>
        <source>Type your NIK (16 digits)</source>
        <translation>Ketik NIK Anda (16 angka)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="92"/>
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="94"/>
        <source>Delete last digit</source>
        <translation>Hapus angka terakhir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="95"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="96"/>
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="96"/>
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="198"/>
        <source>Do you need more time?</source>
        <translation>Apakah Anda perlu waktu lagi?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="199"/>
        <source>Yes, more time please</source>
        <translation>Ya, saya perlu waktu lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="200"/>
        <source>No, I am finished</source>
        <translation>Tidak, saya sudah selesai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="224"/>
        <source>For your privacy this session ends in %1 seconds.</source>
        <translation>Demi privasi Anda, sesi ini berakhir dalam %1 detik.</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="36"/>
        <source>Printing your ticket…</source>
        <translation>Mencetak tiket Anda…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="37"/>
        <source>This takes a few seconds. Please wait by the printer.</source>
        <translation>Ini memerlukan beberapa detik. Mohon tunggu di dekat printer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="55"/>
        <source>The service centre is answering slowly. Still trying — please stay a little longer.</source>
        <translation>Pusat layanan sedang lambat merespons. Masih mencoba — mohon tunggu sebentar lagi.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="33"/>
        <source>Reading the chip… keep the passport still on the reader.</source>
        <translation>Membaca chip… biarkan paspor tetap diam di atas pembaca.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="35"/>
        <source>Checking your booking…</source>
        <translation>Memeriksa pendaftaran Anda…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="37"/>
        <source>Checking your ticket…</source>
        <translation>Memeriksa tiket Anda…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="37"/>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="40"/>
        <source>Welcome, %1</source>
        <translation>Selamat datang, %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="40"/>
        <source>Identity received.</source>
        <translation>Identitas diterima.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="42"/>
        <source>Staff card recognised.</source>
        <translation>Kartu petugas dikenali.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="43"/>
        <source>This card is not known here. Please type your NIK.</source>
        <translation>Kartu ini tidak dikenal di sini. Silakan ketik NIK Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="44"/>
        <source>This card needs your NIK as well. Please type it on the keypad.</source>
        <translation>Kartu ini juga memerlukan NIK Anda. Silakan ketik pada papan angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="45"/>
        <source>Your identity cannot be checked right now. Please try again in a moment.</source>
        <translation>Identitas Anda belum dapat diperiksa saat ini. Silakan coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="47"/>
        <source>An e-passport is on the reader. Type the data from its photo page to open the chip.</source>
        <translation>Paspor elektronik ada di atas pembaca. Ketik data dari halaman fotonya untuk membuka chip.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="50"/>
        <source>The chip did not accept this data. Please check each field against the photo page.</source>
        <translation>Chip tidak menerima data ini. Mohon periksa setiap isian dengan halaman foto.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="52"/>
        <source>Please type the passport number (at least 6 letters and digits).</source>
        <translation>Mohon ketik nomor paspor (minimal 6 huruf dan angka).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="53"/>
        <source>Please type the date of birth as day, month, year: 6 digits.</source>
        <translation>Mohon ketik tanggal lahir sebagai hari, bulan, tahun: 6 angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="54"/>
        <source>Please type the date of expiry as day, month, year: 6 digits.</source>
        <translation>Mohon ketik tanggal berlaku sebagai hari, bulan, tahun: 6 angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="55"/>
        <source>The scanned code could not be read. Please type the data instead.</source>
        <translation>Kode yang dipindai tidak dapat dibaca. Silakan ketik datanya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="56"/>
        <source>A booking code has 6 to 12 letters and digits. Please check the code.</source>
        <translation>Kode pendaftaran terdiri dari 6 sampai 12 huruf dan angka. Silakan periksa kodenya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="57"/>
        <source>No booking has this code. Please check it against your confirmation message.</source>
        <translation>Tidak ada pendaftaran dengan kode ini. Silakan cocokkan dengan pesan konfirmasi Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="59"/>
        <source>This code cannot be used here today. Please ask at the help desk.</source>
        <translation>Kode ini tidak dapat digunakan di sini hari ini. Silakan tanyakan ke meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="60"/>
        <source>Please wait a moment before trying another code.</source>
        <translation>Mohon tunggu sebentar sebelum mencoba kode lain.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="62"/>
        <source>Bookings cannot be checked right now. Please try again in a moment, or ask at the help desk.</source>
        <translation>Pendaftaran belum dapat diperiksa saat ini. Silakan coba lagi sebentar lagi, atau tanyakan ke meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="64"/>
        <source>A ticket number is a letter and digits, for example B-023.</source>
        <translation>Nomor tiket terdiri dari huruf dan angka, misalnya B-023.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="65"/>
        <source>No ticket of today has this number. Please check the number on your ticket.</source>
        <translation>Tidak ada tiket hari ini dengan nomor ini. Periksa nomor pada tiket Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="66"/>
        <source>This ticket&apos;s service is not finished yet. You can rate it afterwards.</source>
        <translation>Layanan untuk tiket ini belum selesai. Anda dapat menilainya sesudahnya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="67"/>
        <source>This ticket was already rated. Thank you!</source>
        <translation>Tiket ini sudah dinilai. Terima kasih!</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="68"/>
        <source>Ratings cannot be taken right now. Please try again in a moment.</source>
        <translation>Penilaian belum dapat diterima saat ini. Silakan coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="69"/>
        <source>Please hold the card still on the reader until the screen changes.</source>
        <translation>Mohon tahan kartu tetap di atas pembaca sampai layar berubah.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="70"/>
        <source>A NIK has exactly 16 digits.</source>
        <translation>NIK terdiri dari tepat 16 angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="71"/>
        <source>A NIK has digits only.</source>
        <translation>NIK hanya berisi angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="73"/>
        <source>The first two digits of this NIK are not a province code. Please check the number.</source>
        <translation>Dua angka pertama NIK ini bukan kode provinsi. Mohon periksa kembali nomornya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="75"/>
        <location filename="../../kiosk/ui/notice.py" line="76"/>
        <source>The region code in this NIK is not valid. Please check the number.</source>
        <translation>Kode wilayah pada NIK ini tidak valid. Mohon periksa kembali nomornya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="78"/>
        <source>The birth date in this NIK (digits 7 to 12) is not valid. Please check the number.</source>
        <translation>Tanggal lahir pada NIK ini (angka ke-7 sampai ke-12) tidak valid. Mohon periksa kembali nomornya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="80"/>
        <source>The last four digits of a NIK are never 0000. Please check the number.</source>
        <translation>Empat angka terakhir NIK tidak pernah 0000. Mohon periksa kembali nomornya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="84"/>
        <source>The card could not be read. Place it again, or type your NIK.</source>
        <translation>Kartu tidak dapat dibaca. Tempelkan lagi, atau ketik NIK Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="86"/>
        <source>Please try again.</source>
        <translation>Silakan coba lagi.</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="77"/>
        <source>Open your e-passport&apos;s chip</source>
        <translation>Buka chip paspor elektronik Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="80"/>
        <source>Type what is printed on the photo page of your passport. Keep the passport on the reader.</source>
        <translation>Ketik data yang tercetak di halaman foto paspor Anda. Biarkan paspor tetap di atas pembaca.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="89"/>
        <source>Passport number</source>
        <translation>Nomor paspor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="90"/>
        <source>Date of birth</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="91"/>
        <source>Date of expiry</source>
        <translation>Berlaku sampai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="94"/>
        <source>DD-MM-YY</source>
        <translation>HH-BB-TT</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="103"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="104"/>
        <source>Reading the chip…</source>
        <translation>Membaca chip…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="104"/>
        <source>Open the chip</source>
        <translation>Buka chip</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="78"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="79"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="80"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="87"/>
        <source>Paid to: %1</source>
        <translation>Dibayar kepada: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="92"/>
        <source>Time left: %1</source>
        <translation>Sisa waktu: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="101"/>
        <source>Preparing your QRIS code…</source>
        <translation>Menyiapkan kode QRIS Anda…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="101"/>
        <source>One moment, please.</source>
        <translation>Mohon tunggu sebentar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="103"/>
        <source>Scan to pay with QRIS</source>
        <translation>Pindai untuk membayar dengan QRIS</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="104"/>
        <source>Open any bank or e-wallet app, scan the code and pay.</source>
        <translation>Buka aplikasi bank atau dompet digital apa pun, pindai kode, lalu bayar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="105"/>
        <source>Your ticket is printed as soon as the payment arrives.</source>
        <translation>Tiket Anda dicetak begitu pembayaran diterima.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="108"/>
        <source>Connection lost — still checking</source>
        <translation>Koneksi terputus — masih memeriksa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="109"/>
        <source>If you already paid, your payment is safe. Please wait: the kiosk keeps checking.</source>
        <translation>Jika Anda sudah membayar, pembayaran Anda aman. Mohon tunggu: anjungan terus memeriksa.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="110"/>
        <source>Do not pay a second time.</source>
        <translation>Jangan membayar untuk kedua kalinya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="112"/>
        <source>Payment successful</source>
        <translation>Pembayaran berhasil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="112"/>
        <source>Payment received. Printing your ticket and receipt…</source>
        <translation>Pembayaran diterima. Mencetak tiket dan bukti pembayaran Anda…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="114"/>
        <source>Time is up</source>
        <translation>Waktu habis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="115"/>
        <source>The QRIS code has expired and nothing was charged.</source>
        <translation>Kode QRIS sudah kedaluwarsa dan tidak ada biaya yang ditarik.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="116"/>
        <source>Tap Back to try again.</source>
        <translation>Ketuk Kembali untuk mencoba lagi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="119"/>
        <source>Payment cancelled</source>
        <translation>Pembayaran dibatalkan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="120"/>
        <source>Nothing was charged.</source>
        <translation>Tidak ada biaya yang ditarik.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="121"/>
        <source>Tap Back to choose again.</source>
        <translation>Ketuk Kembali untuk memilih lagi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="124"/>
        <source>Payment is not available right now</source>
        <translation>Pembayaran sedang tidak tersedia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="125"/>
        <source>No QRIS code could be shown, so nothing was charged.</source>
        <translation>Kode QRIS tidak dapat ditampilkan, jadi tidak ada biaya yang ditarik.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="126"/>
        <source>Try again later, or pay at the help desk.</source>
        <translation>Coba lagi nanti, atau bayar di meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="129"/>
        <source>We could not confirm your payment</source>
        <translation>Kami belum dapat memastikan pembayaran Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="130"/>
        <source>If you paid, the money is returned to you automatically.</source>
        <translation>Jika Anda sudah membayar, uang Anda dikembalikan secara otomatis.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="131"/>
        <source>Please show your bank app&apos;s receipt at the help desk.</source>
        <translation>Tunjukkan bukti dari aplikasi bank Anda di meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="136"/>
        <source>Cancelling… if the payment arrived first, you get your ticket.</source>
        <translation>Membatalkan… jika pembayaran sudah masuk lebih dulu, Anda tetap mendapat tiket.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="149"/>
        <source>Amount: %1.</source>
        <translation>Jumlah: %1.</translation>
    </message>
</context>
<context>
    <name>PinKeypad</name>
    <message>
        <location filename="../../kiosk/ui/admin/keyboard.py" line="32"/>
        <source>Enter</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/keyboard.py" line="33"/>
        <source>Delete last digit</source>
        <translation>Hapus angka terakhir</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/pin_page.py" line="41"/>
        <source>Staff access</source>
        <translation>Akses petugas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_page.py" line="42"/>
        <source>Enter your staff or technician PIN.</source>
        <translation>Masukkan PIN petugas atau teknisi Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_page.py" line="43"/>
        <source>Cancel and return to the kiosk</source>
        <translation>Batal dan kembali ke anjungan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_page.py" line="49"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_page.py" line="55"/>
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/admin/pin_page.py" line="67"/>
        <location filename="../../kiosk/ui/admin/pin_page.py" line="72"/>
        <source>Too many wrong PINs. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Terlalu banyak PIN salah. Coba lagi dalam %n menit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/admin/pin_page.py" line="75"/>
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>PIN salah. Sisa %n percobaan.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_page.py" line="77"/>
        <source>The PIN could not be checked: %1</source>
        <translation>PIN tidak dapat diperiksa: %1</translation>
    </message>
</context>
<context>
    <name>PlainWords</name>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="13"/>
        <source>must be %1 or more</source>
        <translation>minimal %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="14"/>
        <source>must be %1 or less</source>
        <translation>maksimal %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="15"/>
        <source>must be more than %1</source>
        <translation>harus lebih dari %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="16"/>
        <source>must be less than %1</source>
        <translation>harus kurang dari %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="19"/>
        <source>must be a whole number</source>
        <translation>harus bilangan bulat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="21"/>
        <source>must be a number</source>
        <translation>harus berupa angka</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="22"/>
        <source>needs at least %1 characters</source>
        <translation>minimal %1 karakter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="23"/>
        <source>may have at most %1 characters</source>
        <translation>maksimal %1 karakter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="24"/>
        <source>only a technician can change this</source>
        <translation>hanya teknisi yang dapat mengubahnya</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="25"/>
        <source>cannot be changed on the kiosk</source>
        <translation>tidak dapat diubah di anjungan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="28"/>
        <source>this value cannot be used here</source>
        <translation>nilai ini tidak dapat dipakai di sini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/plain_words.py" line="50"/>
        <source>This change</source>
        <translation>Perubahan ini</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="32"/>
        <source>Back to start</source>
        <translation>Kembali ke awal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="33"/>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="36"/>
        <source>No number was taken for you, so nothing is lost. Staff at the help desk can also give you a number.</source>
        <translation>Belum ada nomor yang diambil atas nama Anda, jadi tidak ada yang hilang. Petugas di meja bantuan juga dapat memberi Anda nomor.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="40"/>
        <source>Not available while offline</source>
        <translation>Tidak tersedia saat offline</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="43"/>
        <source>This needs the connection to the service centre, which is down right now. Free walk-in services still give queue numbers at this kiosk.</source>
        <translation>Layanan ini memerlukan sambungan ke pusat layanan, yang sedang terputus. Layanan gratis tanpa janji temu tetap memberikan nomor antrean di anjungan ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="48"/>
        <source>Service temporarily unavailable</source>
        <translation>Layanan sedang tidak tersedia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="49"/>
        <source>The kiosk cannot reach the service centre right now and keeps retrying.</source>
        <translation>Anjungan belum dapat terhubung ke pusat layanan dan terus mencoba kembali.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="51"/>
        <source>The printer is not working</source>
        <translation>Printer tidak berfungsi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="52"/>
        <source>Your ticket could not be printed.</source>
        <translation>Tiket Anda tidak dapat dicetak.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="54"/>
        <source>Closed</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="55"/>
        <source>This kiosk is closed for today.</source>
        <translation>Anjungan ini sudah tutup untuk hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="57"/>
        <source>Something went wrong</source>
        <translation>Terjadi kendala</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="58"/>
        <source>Your ticket could not be issued.</source>
        <translation>Tiket Anda tidak dapat diterbitkan.</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../kiosk/ui/screens/base.py" line="61"/>
        <source>Start over</source>
        <translation>Mulai lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/base.py" line="130"/>
        <source>Delete last character</source>
        <translation>Hapus karakter terakhir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/base.py" line="131"/>
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="33"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="34"/>
        <source>Choose the service you need.</source>
        <translation>Pilih layanan yang Anda perlukan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="74"/>
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="78"/>
        <source>Last known: %1 waiting · about %2 min</source>
        <translation>Data terakhir: %1 menunggu · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="84"/>
        <source>%1 waiting · about %2 min</source>
        <translation>%1 menunggu · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="89"/>
        <source>Queue length not known right now</source>
        <translation>Panjang antrean belum diketahui saat ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="103"/>
        <source>Unavailable while offline: paying by QRIS needs the connection</source>
        <translation>Tidak tersedia saat offline: pembayaran QRIS memerlukan sambungan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="105"/>
        <source>Unavailable while offline: the ID check needs the connection</source>
        <translation>Tidak tersedia saat offline: pemeriksaan KTP memerlukan sambungan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="106"/>
        <source>Unavailable while offline: no numbers left at this kiosk</source>
        <translation>Tidak tersedia saat offline: nomor di anjungan ini sudah habis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="110"/>
        <source>Closed: not offered at this kiosk this week</source>
        <translation>Tutup: tidak dilayani di anjungan ini minggu ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="115"/>
        <source>Closed now · opens today at %1</source>
        <translation>Sedang tutup · buka hari ini pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="117"/>
        <source>Closed now · opens tomorrow at %1</source>
        <translation>Sedang tutup · buka besok pukul %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="119"/>
        <source>Closed now · opens %1 at %2</source>
        <translation>Sedang tutup · buka hari %1 pukul %2</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/services_page.py" line="30"/>
        <source>Services on this kiosk</source>
        <translation>Layanan di anjungan ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/services_page.py" line="38"/>
        <source>The catalogue has not been loaded yet.</source>
        <translation>Katalog layanan belum dimuat.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/services_page.py" line="48"/>
        <source>On: offered to citizens</source>
        <translation>Aktif: ditawarkan kepada warga</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/services_page.py" line="48"/>
        <source>Off: not offered on this kiosk</source>
        <translation>Nonaktif: tidak ditawarkan di anjungan ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/services_page.py" line="50"/>
        <source>Switched off by the central service</source>
        <translation>Dinonaktifkan oleh layanan pusat</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="77"/>
        <source>Kiosk location name</source>
        <translation>Nama lokasi anjungan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="78"/>
        <source>Seconds before the &quot;more time?&quot; warning</source>
        <translation>Detik sebelum peringatan &quot;perlu waktu lagi?&quot;</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="79"/>
        <source>Seconds to answer the warning</source>
        <translation>Detik untuk menjawab peringatan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="80"/>
        <source>Seconds the ticket stays on screen</source>
        <translation>Detik tiket tetap tampil di layar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="81"/>
        <source>Languages (first = default)</source>
        <translation>Bahasa (pertama = bawaan)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="82"/>
        <source>When the printer fails</source>
        <translation>Bila printer gagal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="83"/>
        <source>Central service address</source>
        <translation>Alamat layanan pusat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="84"/>
        <source>Terminal id</source>
        <translation>ID terminal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="85"/>
        <source>Token file</source>
        <translation>Berkas token</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="86"/>
        <source>Central connect timeout (s)</source>
        <translation>Batas waktu sambungan ke pusat (detik)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="87"/>
        <source>Central answer timeout (s)</source>
        <translation>Batas waktu jawaban pusat (detik)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="88"/>
        <source>Failures before offline</source>
        <translation>Kegagalan sebelum dianggap luring</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="89"/>
        <source>Printer connection</source>
        <translation>Sambungan printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="90"/>
        <source>Network printer address</source>
        <translation>Alamat printer jaringan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="91"/>
        <source>Network printer port</source>
        <translation>Port printer jaringan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="92"/>
        <source>Printer model profile</source>
        <translation>Profil model printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="93"/>
        <source>Paper width (mm)</source>
        <translation>Lebar kertas (mm)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="94"/>
        <source>Card reader</source>
        <translation>Pembaca kartu</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="95"/>
        <source>Admin mode timeout (s)</source>
        <translation>Batas waktu mode admin (detik)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="100"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="101"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="103"/>
        <source>Choose a setting on the left.</source>
        <translation>Pilih pengaturan di sebelah kiri.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="114"/>
        <source>The settings file cannot be read: %1</source>
        <translation>Berkas pengaturan tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="171"/>
        <source>Not saved: %1</source>
        <translation>Tidak tersimpan: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="176"/>
        <source>Saved. The kiosk uses the new value after its next restart.</source>
        <translation>Tersimpan. Anjungan memakai nilai baru setelah dimulai ulang.</translation>
    </message>
</context>
<context>
    <name>SurveyAboutScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="209"/>
        <source>About you (optional) · %1 of %2</source>
        <translation>Tentang Anda (boleh dilewati) · %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="214"/>
        <source>These answers help the hall understand who it serves. Skip any of them.</source>
        <translation>Jawaban ini membantu kami mengenal siapa yang kami layani. Boleh dilewati.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="223"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="225"/>
        <source>Next</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="225"/>
        <source>Skip</source>
        <translation>Lewati</translation>
    </message>
</context>
<context>
    <name>SurveyQuestionScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="108"/>
        <source>Question %1 of %2 · ticket %3</source>
        <translation>Pertanyaan %1 dari %2 · tiket %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="121"/>
        <source>Touch one answer. The next question follows at once.</source>
        <translation>Sentuh satu jawaban. Pertanyaan berikutnya langsung muncul.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="122"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
</context>
<context>
    <name>SurveySuggestionScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="278"/>
        <source>Any suggestion for us? (optional)</source>
        <translation>Ada saran untuk kami? (boleh dikosongkan)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="278"/>
        <source>Any suggestion for us?</source>
        <translation>Ada saran untuk kami?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="281"/>
        <source>Type here, or send without.</source>
        <translation>Ketik di sini, atau kirim tanpa saran.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="284"/>
        <source>Space</source>
        <translation>Spasi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="286"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="287"/>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="287"/>
        <source>Send my rating</source>
        <translation>Kirim penilaian</translation>
    </message>
</context>
<context>
    <name>SurveyThanksScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="305"/>
        <source>Thank you!</source>
        <translation>Terima kasih!</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="307"/>
        <source>Your rating of ticket %1 was received. It helps this hall serve everyone better.</source>
        <translation>Penilaian Anda untuk tiket %1 sudah kami terima. Ini membantu kami melayani semua orang lebih baik.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="311"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>SurveyTicketScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="49"/>
        <source>Rate our service</source>
        <translation>Nilai layanan kami</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="53"/>
        <source>Hold the QR code on your queue ticket under the scanner, or type the ticket&apos;s number, for example B-023. You can rate a service once it is finished.</source>
        <translation>Arahkan kode QR pada tiket antrean Anda ke pemindai, atau ketik nomor tiketnya, misalnya B-023. Layanan dapat dinilai setelah selesai.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="63"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="64"/>
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey.py" line="64"/>
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
</context>
<context>
    <name>SurveyWords</name>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="16"/>
        <source>Did the requirements fit the service you asked for?</source>
        <translation>Bagaimana kesesuaian persyaratan dengan layanan yang Anda urus?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="17"/>
        <source>Not suitable</source>
        <translation>Tidak sesuai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="17"/>
        <source>Somewhat suitable</source>
        <translation>Kurang sesuai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="17"/>
        <source>Suitable</source>
        <translation>Sesuai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="17"/>
        <source>Very suitable</source>
        <translation>Sangat sesuai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="20"/>
        <source>How easy was the procedure?</source>
        <translation>Bagaimana kemudahan prosedur pelayanan?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="21"/>
        <source>Not easy</source>
        <translation>Tidak mudah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="21"/>
        <source>Somewhat easy</source>
        <translation>Kurang mudah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="21"/>
        <source>Easy</source>
        <translation>Mudah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="21"/>
        <source>Very easy</source>
        <translation>Sangat mudah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="24"/>
        <source>How fast was the service?</source>
        <translation>Bagaimana kecepatan waktu pelayanan?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="25"/>
        <source>Not fast</source>
        <translation>Tidak cepat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="25"/>
        <source>Somewhat fast</source>
        <translation>Kurang cepat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="25"/>
        <source>Fast</source>
        <translation>Cepat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="25"/>
        <source>Very fast</source>
        <translation>Sangat cepat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="28"/>
        <source>How fair was the fee?</source>
        <translation>Bagaimana kewajaran biaya/tarif pelayanan?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="29"/>
        <source>Very expensive</source>
        <translation>Sangat mahal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="29"/>
        <source>Fairly expensive</source>
        <translation>Cukup mahal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="29"/>
        <source>Cheap</source>
        <translation>Murah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="29"/>
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="32"/>
        <source>Did you get what the service standard promises?</source>
        <translation>Apakah hasil pelayanan sesuai dengan standar pelayanan?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="34"/>
        <source>Not as promised</source>
        <translation>Tidak sesuai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="35"/>
        <source>Partly as promised</source>
        <translation>Kurang sesuai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="36"/>
        <source>As promised</source>
        <translation>Sesuai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="37"/>
        <source>Fully as promised</source>
        <translation>Sangat sesuai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="41"/>
        <source>How competent were the staff?</source>
        <translation>Bagaimana kompetensi/kemampuan petugas?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="43"/>
        <source>Not competent</source>
        <translation>Tidak kompeten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="44"/>
        <source>Somewhat competent</source>
        <translation>Kurang kompeten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="45"/>
        <source>Competent</source>
        <translation>Kompeten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="46"/>
        <source>Very competent</source>
        <translation>Sangat kompeten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="50"/>
        <source>How polite and friendly were the staff?</source>
        <translation>Bagaimana kesopanan dan keramahan petugas?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="52"/>
        <source>Not polite or friendly</source>
        <translation>Tidak sopan dan ramah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="53"/>
        <source>Somewhat polite and friendly</source>
        <translation>Kurang sopan dan ramah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="54"/>
        <source>Polite and friendly</source>
        <translation>Sopan dan ramah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="55"/>
        <source>Very polite and friendly</source>
        <translation>Sangat sopan dan ramah</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="59"/>
        <source>How are complaints and suggestions handled here?</source>
        <translation>Bagaimana penanganan pengaduan, saran dan masukan di sini?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="61"/>
        <source>Not at all</source>
        <translation>Tidak ada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="62"/>
        <source>There, but not working</source>
        <translation>Ada tetapi tidak berfungsi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="63"/>
        <source>Working, not fully</source>
        <translation>Berfungsi kurang maksimal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="64"/>
        <source>Handled well</source>
        <translation>Dikelola dengan baik</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="68"/>
        <source>How good are the facilities (seats, toilets, signs)?</source>
        <translation>Bagaimana kualitas sarana dan prasarana (kursi, toilet, petunjuk)?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="69"/>
        <source>Poor</source>
        <translation>Buruk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="69"/>
        <source>Fair</source>
        <translation>Cukup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="69"/>
        <source>Good</source>
        <translation>Baik</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="69"/>
        <source>Very good</source>
        <translation>Sangat baik</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="79"/>
        <source>Age</source>
        <translation>Usia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="81"/>
        <source>under 20</source>
        <translation>di bawah 20</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="86"/>
        <source>60 or more</source>
        <translation>60 ke atas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="89"/>
        <source>Sex</source>
        <translation>Jenis kelamin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="89"/>
        <source>Male</source>
        <translation>Laki-laki</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="89"/>
        <source>Female</source>
        <translation>Perempuan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="92"/>
        <source>Education</source>
        <translation>Pendidikan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="94"/>
        <source>Primary</source>
        <translation>SD</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="95"/>
        <source>Junior high</source>
        <translation>SMP</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="96"/>
        <source>Senior high</source>
        <translation>SMA</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="97"/>
        <source>Diploma</source>
        <translation>D1–D4</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="98"/>
        <source>Bachelor</source>
        <translation>S1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="99"/>
        <source>Postgraduate</source>
        <translation>S2/S3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="107"/>
        <source>Military, police</source>
        <translation>TNI/POLRI</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="108"/>
        <source>Private firm</source>
        <translation>Swasta</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="104"/>
        <source>Work</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="106"/>
        <source>Civil servant</source>
        <translation>PNS</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="109"/>
        <source>Self-employed</source>
        <translation>Wirausaha</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="110"/>
        <source>Student</source>
        <translation>Pelajar/Mahasiswa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/survey_words.py" line="111"/>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
</context>
<context>
    <name>TextKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/admin/keyboard.py" line="73"/>
        <source>Space</source>
        <translation>Spasi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/keyboard.py" line="74"/>
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/keyboard.py" line="75"/>
        <source>Capital letters</source>
        <translation>Huruf kapital</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="83"/>
        <source>Go to: %1</source>
        <translation>Menuju: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="85"/>
        <source>About %1 people ahead of you · about %2 minutes (estimate)</source>
        <translation>Sekitar %1 orang di depan Anda · sekitar %2 menit (perkiraan)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="87"/>
        <source>%1 people ahead of you · about %2 minutes</source>
        <translation>%1 orang di depan Anda · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="92"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="104"/>
        <source>Your queue number (issued offline)</source>
        <translation>Nomor antrean Anda (dicetak saat offline)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="108"/>
        <source>Issued offline: your number is kept and will be called in turn. The waiting figures are the last known ones. Please take your printed ticket below the screen.</source>
        <translation>Dicetak saat offline: nomor Anda tercatat dan akan dipanggil sesuai urutan. Angka antrean adalah data terakhir yang diketahui. Silakan ambil tiket cetak di bawah layar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="95"/>
        <source>Scan to follow your queue on your phone</source>
        <translation>Pindai untuk memantau antrean Anda di ponsel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="115"/>
        <source>Your queue number</source>
        <translation>Nomor antrean Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="116"/>
        <source>Please take your printed ticket below the screen.</source>
        <translation>Silakan ambil tiket cetak Anda di bawah layar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="121"/>
        <source>Your queue number (on screen)</source>
        <translation>Nomor antrean Anda (di layar)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="125"/>
        <source>The printer could not print your ticket. Take a photo of this screen or note the number; the help desk also has it.</source>
        <translation>Printer tidak dapat mencetak tiket Anda. Foto layar ini atau catat nomornya; meja bantuan juga memilikinya.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="41"/>
        <source>Welcome to %1</source>
        <translation>Selamat datang di %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="41"/>
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="42"/>
        <source>Take a queue number for government services in this hall.</source>
        <translation>Ambil nomor antrean untuk layanan pemerintah di gedung ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="43"/>
        <source>Take a queue number</source>
        <translation>Ambil Antrean</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="44"/>
        <source>I booked online: check in</source>
        <translation>Sudah daftar daring? Lapor di sini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="45"/>
        <source>Rate our service</source>
        <translation>Nilai layanan kami</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="52"/>
        <source>Touch the button to start, or place your ID card on the reader. Staff at the help desk can assist you.</source>
        <translation>Sentuh tombol untuk memulai, atau tempelkan kartu identitas Anda pada pembaca. Petugas di meja bantuan siap membantu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="57"/>
        <source>Touch the button to start. Staff at the help desk can assist you.</source>
        <translation>Sentuh tombol untuk memulai. Petugas di meja bantuan siap membantu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="66"/>
        <source>This kiosk is closed for today.</source>
        <translation>Anjungan ini sudah tutup untuk hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="68"/>
        <source>Connecting to the service centre… please wait a moment.</source>
        <translation>Menghubungkan ke pusat layanan… mohon tunggu sebentar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="70"/>
        <source>Service is temporarily unavailable. The kiosk keeps retrying.</source>
        <translation>Layanan sedang tidak tersedia. Anjungan terus mencoba kembali.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="72"/>
        <source>The ticket printer is out of service. Please ask at the help desk.</source>
        <translation>Printer tiket sedang tidak berfungsi. Silakan bertanya di meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="75"/>
        <source>Working offline: the connection to the service centre is down. Free walk-in services still give queue numbers. Paid services, ID card checks and booking check-in are unavailable until the connection returns.</source>
        <translation>Mode offline: sambungan ke pusat layanan sedang terputus. Layanan gratis tanpa janji temu tetap memberikan nomor antrean. Layanan berbayar, pemeriksaan KTP, dan check-in janji temu tidak tersedia sampai sambungan pulih.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="80"/>
        <source>The printer is out of paper: your ticket will be shown on screen.</source>
        <translation>Kertas printer habis: tiket Anda akan ditampilkan di layar.</translation>
    </message>
</context>
</TS>
