/* SPDX-License-Identifier: GPL-3.0-or-later */
/* qr.c - the join address as a QR code the room's screen can show, drawn
 * in text with libqrencode's modules. A terminal's cell is about twice as
 * high as it is wide, so a module is two columns of one line when the code
 * is big, or one column of half a line (the upper and lower half blocks)
 * when it is small. Light modules are drawn, dark ones left blank: on the
 * usual dark terminal that is the code as printed, and phone cameras read
 * the other way round as well. */
#include "live.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>

#include "../core/util.h"

#define QUIET 2 /* modules of light margin on every side */

/* Whether module (x, y) of the code, margin included, is dark. */
static bool dark(const QRcode *qr, int x, int y)
{
	x -= QUIET;
	y -= QUIET;
	if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
		return false;
	return qr->data[y * qr->width + x] & 1;
}

static QRcode *encode(const char *text)
{
	/* medium error correction: a projector's glare costs some modules */
	return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

unsigned live_qr_width(const char *text, bool big)
{
	QRcode *qr = encode(text);
	unsigned w;

	if (!qr)
		return 0;
	w = (unsigned)(qr->width + 2 * QUIET) * (big ? 2 : 1);
	QRcode_free(qr);
	return w;
}

char *live_qr_text(const char *text, bool big, bool unicode)
{
	QRcode *qr = encode(text);
	struct strbuf sb = { 0 };
	int n, x, y;

	if (!qr)
		return NULL;
	n = qr->width + 2 * QUIET;
	if (big || !unicode) { /* '#' has no halves */
		for (y = 0; y < n; y++) {
			for (x = 0; x < n; x++)
				strbuf_adds(&sb, dark(qr, x, y) ? "  "
						 : unicode	? "██"
								: "##");
			strbuf_addc(&sb, '\n');
		}
	} else {
		for (y = 0; y < n; y += 2) {
			for (x = 0; x < n; x++) {
				bool top = !dark(qr, x, y);
				bool bottom = y + 1 < n && !dark(qr, x, y + 1);
				if (!unicode)
					strbuf_adds(&sb,
						    top || bottom ? "#" : " ");
				else if (top && bottom)
					strbuf_adds(&sb, "█");
				else if (top)
					strbuf_adds(&sb, "▀");
				else if (bottom)
					strbuf_adds(&sb, "▄");
				else
					strbuf_addc(&sb, ' ');
			}
			strbuf_addc(&sb, '\n');
		}
	}
	QRcode_free(qr);
	return strbuf_detach(&sb);
}
