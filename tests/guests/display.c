/* The graphical demo: finds the Cirrus CL-GD5446 on the Malta PCI bus, gives it its BARs, sets a
 * 640x480 mode with 256 colours as Linux's cirrusfb does, draws a test picture with the CPU and
 * with the BitBLT engine (pattern fill, screen-to-screen copy, colour expansion of CPU data),
 * then runs a little drawing game on the PS/2 keyboard: the arrow keys move a brush that leaves
 * a trail, Space changes its colour, C clears the board, Q quits. Every key is echoed on the
 * serial port. With "once" on the command line it powers off after the picture; with "hold" it
 * waits there (what a screendump is taken of). */
#include "guest.h"

#define GT        KSEG1(0x1be00000UL)
#define PCI_IO(p) KSEG1(0x18000000UL + (p))
#define FB_PHYS   0x10000000UL
#define MMIO_PHYS 0x12000000UL
#define FB        KSEG1(FB_PHYS)
#define W 640
#define H 480
#define VGA_SLOT  18

static uint32_t cfg_read(int dev, int reg)
{
    mmio_w32(GT + 0xcf8, 0x80000000u | (dev << 11) | reg);
    return mmio_r32(GT + 0xcfc);
}

static void cfg_write(int dev, int reg, uint32_t v)
{
    mmio_w32(GT + 0xcf8, 0x80000000u | (dev << 11) | reg);
    mmio_w32(GT + 0xcfc, v);
}

static void outb(int port, uint8_t v) { mmio_w8(PCI_IO(port), v); }
static uint8_t inb(int port) { return mmio_r8(PCI_IO(port)); }
static void seq(int i, uint8_t v) { outb(0x3c4, i); outb(0x3c5, v); }
static void crt(int i, uint8_t v) { outb(0x3d4, i); outb(0x3d5, v); }
static void gfx(int i, uint8_t v) { outb(0x3ce, i); outb(0x3cf, v); }
static uint8_t gfx_read(int i) { outb(0x3ce, i); return inb(0x3cf); }

static void set_mode(void)
{
    outb(0x3c2, 0x0f);            /* colour, RAM enabled */
    seq(0x00, 0x03);
    seq(0x01, 0x21);              /* screen off while programming */
    seq(0x06, 0x12);              /* unlock the Cirrus extensions */
    seq(0x04, 0x0a);
    seq(0x07, 0x01);              /* extended mode, 8 bits per pixel */
    crt(0x11, 0x20);              /* unlock CR0-7 */
    crt(0x00, 0x5f); crt(0x01, 79); crt(0x02, 80); crt(0x03, 0x82); crt(0x04, 0x54); crt(0x05, 0x80);
    crt(0x06, 0x0b); crt(0x07, 0x3e); crt(0x09, 0x40); crt(0x10, 0xea); crt(0x11, 0x2c);
    crt(0x12, 0xdf); crt(0x13, 80); crt(0x15, 0xe7); crt(0x16, 0x04); crt(0x17, 0xc3); crt(0x18, 0xff);
    crt(0x0c, 0); crt(0x0d, 0); crt(0x1b, 0x22); crt(0x1d, 0);
    gfx(0x05, 0x40);              /* 256-colour shift mode */
    gfx(0x06, 0x01);              /* graphics */
    inb(0x3da);                   /* attribute flip-flop to index */
    for (int i = 0; i < 16; i++) { outb(0x3c0, i); outb(0x3c0, i); }
    outb(0x3c0, 0x10); outb(0x3c0, 0x41);
    outb(0x3c0, 0x33); outb(0x3c0, 0x00); /* palette address source on: the screen shows */
    seq(0x01, 0x01);              /* screen on */
}

static void set_palette(void)
{
    outb(0x3c8, 0);
    for (int i = 0; i < 256; i++) {
        /* 0-15: a fixed set; then a 6x6x6 cube */
        static const uint8_t base[16][3] = {
            {0,0,0},{0,0,42},{0,42,0},{0,42,42},{42,0,0},{42,0,42},{42,21,0},{42,42,42},
            {21,21,21},{21,21,63},{21,63,21},{21,63,63},{63,21,21},{63,21,63},{63,63,21},{63,63,63}};
        uint8_t r, g, b;
        if (i < 16) { r = base[i][0]; g = base[i][1]; b = base[i][2]; }
        else { int c = (i - 16) % 216; r = (c / 36) * 63 / 5; g = (c / 6 % 6) * 63 / 5; b = (c % 6) * 63 / 5; }
        outb(0x3c9, r); outb(0x3c9, g); outb(0x3c9, b);
    }
}

static void wait_blt(void) { while (gfx_read(0x31) & 0x09) ; }

static void blt_regs(int wbytes, int h, uint32_t dst, uint32_t src, int pitch, uint8_t mode)
{
    wait_blt();
    gfx(0x24, pitch & 0xff); gfx(0x25, pitch >> 8);
    gfx(0x26, pitch & 0xff); gfx(0x27, pitch >> 8);
    gfx(0x20, (wbytes - 1) & 0xff); gfx(0x21, (wbytes - 1) >> 8);
    gfx(0x22, (h - 1) & 0xff); gfx(0x23, (h - 1) >> 8);
    gfx(0x28, dst & 0xff); gfx(0x29, (dst >> 8) & 0xff); gfx(0x2a, (dst >> 16) & 0x3f);
    gfx(0x2c, src & 0xff); gfx(0x2d, (src >> 8) & 0xff); gfx(0x2e, (src >> 16) & 0x3f);
    gfx(0x30, mode);
    gfx(0x32, 0x0d);              /* SRCCOPY */
    gfx(0x31, 0x02);              /* start */
}

/* A filled rectangle: colour expansion of the pattern with foreground = background = colour. */
static void fill(int x, int y, int w, int h, uint8_t colour)
{
    gfx(0x00, colour); gfx(0x01, colour);
    blt_regs(w, h, y * W + x, 0, W, 0xc0);
}

static void copy(int sx, int sy, int dx, int dy, int w, int h)
{
    blt_regs(w, h, dy * W + dx, sy * W + sx, W, 0x00);
}

/* An 8-pixel-wide monochrome glyph row by row from the CPU, in fg on bg (as Linux draws text). */
static void glyph(int x, int y, const uint8_t *rows, int h, uint8_t fg, uint8_t bg)
{
    gfx(0x00, bg); gfx(0x01, fg);
    blt_regs(8, h, y * W + x, 0, W, 0x84);
    for (int i = 0; i < h; i++) mmio_w8(FB, rows[i]);
    wait_blt();
}

static const uint8_t letter_v[8] = {0xc3, 0xc3, 0xc3, 0x66, 0x66, 0x3c, 0x3c, 0x18};
static const uint8_t letter_z[8] = {0xff, 0x06, 0x0c, 0x18, 0x30, 0x60, 0xc0, 0xff};

static void picture(void)
{
    /* colour bars written by the CPU */
    for (int y = 0; y < 64; y++)
        for (int x = 0; x < W; x++)
            mmio_w8(FB + y * W + x, 1 + x / 40);
    fill(0, 64, W, H - 64, 0);        /* the board */
    fill(8, 72, 96, 48, 12);
    copy(8, 72, 120, 72, 96, 48);     /* a copy of that block */
    fill(232, 72, 96, 48, 40 + 16);
    for (int i = 0; i < 8; i++) glyph(360 + i * 20, 88, i & 1 ? letter_z : letter_v, 8, 15, 4);
    fill(0, 128, W, 2, 7);            /* a rule above the game */
}

static int kbd_poll(void)
{
    if (!(inb(0x64) & 1)) return -1;
    return inb(0x60);
}

int main(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    int once = 0, hold = 0;
    uint32_t *argv = (uint32_t *)a1; /* YAMON: argv[1] is the command line */
    for (const char *p = a0 >= 2 ? (const char *)(int64_t)(int32_t)argv[1] : ""; *p; p++)
    {
        if (p[0] == 'o' && p[1] == 'n' && p[2] == 'c' && p[3] == 'e') once = 1;
        if (p[0] == 'h' && p[1] == 'o' && p[2] == 'l' && p[3] == 'd') hold = 1;
    }
    uint32_t id = cfg_read(VGA_SLOT, 0);
    if (id != 0x00b81013) { printf("no Cirrus CL-GD5446 in PCI slot %d (id %x)\n", VGA_SLOT, id); guest_exit(1); }
    cfg_write(VGA_SLOT, 0x10, FB_PHYS);
    cfg_write(VGA_SLOT, 0x14, MMIO_PHYS);
    cfg_write(VGA_SLOT, 0x04, 0x0002);
    set_mode();
    set_palette();
    picture();
    printf("display: 640x480x8 on the Cirrus VGA, BAR0 %x\n", cfg_read(VGA_SLOT, 0x10));
    if (once || hold) printf("display: picture drawn\n");
    if (once) guest_exit(0);
    if (hold) for (;;) ;
    printf("arrows move, space changes colour, c clears, q quits\n");
    int x = 312, y = 296, colour = 16 + 5 * 36, extended = 0;
    fill(x, y, 16, 16, colour);
    for (;;) {
        int k = kbd_poll();
        if (k < 0) continue;
        if (k == 0xe0) { extended = 1; continue; }
        int key = k, ext = extended;
        extended = 0;
        if (key & 0x80) continue;                 /* releases */
        printf("key %s%x", ext ? "e0 " : "", key);
        int nx = x, ny = y;
        if (ext && key == 0x48) ny -= 16;
        else if (ext && key == 0x50) ny += 16;
        else if (ext && key == 0x4b) nx -= 16;
        else if (ext && key == 0x4d) nx += 16;
        else if (key == 0x39) colour = 16 + (colour - 16 + 41) % 216;
        else if (key == 0x2e) fill(0, 136, W, H - 136, 0);
        else if (key == 0x10) { printf(" bye\n"); guest_exit(0); }
        if (nx >= 0 && nx <= W - 16 && ny >= 136 && ny <= H - 16) { x = nx; y = ny; }
        fill(x, y, 16, 16, colour);
        printf(" -> %d,%d colour %d\n", x, y, colour);
    }
}
