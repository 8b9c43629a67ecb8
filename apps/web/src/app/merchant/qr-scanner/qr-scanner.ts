import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type jsQR from 'jsqr';

/** Why the camera could not be used. */
export type CameraProblem = 'denied' | 'unavailable';

type Decode = typeof jsQR;

/** Frames are scaled down to this many pixels on their long side: enough for a voucher's QR code. */
const FRAME_SIZE = 640;
/** About six frames a second: quick enough at the till, light on a phone's battery. */
const FRAME_INTERVAL_MS = 160;

let decoderLoading: Promise<Decode> | null = null;

/** jsQR, loaded on first use only (it is CommonJS: its function is the default export's default). */
function loadDecoder(): Promise<Decode> {
  decoderLoading ??= import('jsqr').then((module) => {
    const exported = module.default as Decode | { default: Decode };
    return typeof exported === 'function' ? exported : exported.default;
  });
  return decoderLoading;
}

/**
 * The rear camera, read frame by frame until a QR code is found: each frame is drawn on a canvas and
 * decoded with jsQR. Emits the code's text once and stops the camera; emits the problem instead
 * when there is no camera or the person (or the browser) refused it.
 */
@Component({
  selector: 'pz-qr-scanner',
  imports: [TranslatePipe],
  template: `
    <div class="viewer">
      <video #video playsinline muted></video>
      <span class="frame" aria-hidden="true"></span>
    </div>
    <p class="status" role="status">
      {{
        (state() === 'scanning' ? 'vouchers.redeem.cameraScanning' : 'vouchers.redeem.cameraStarting')
          | translate
      }}
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .viewer {
      position: relative;
      overflow: hidden;
      max-width: 26rem;
      aspect-ratio: 1;
      margin: 0 auto;
      background: #1a1a1a;
      border-radius: 4px;
    }
    video {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .frame {
      position: absolute;
      inset: 15%;
      border: 4px solid #fff;
      border-radius: 8px;
      box-shadow: 0 0 0 9999px rgba(0, 0, 0, 0.35);
    }
    .status {
      margin: 0.75rem 0 0;
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QrScanner {
  readonly decoded = output<string>();
  readonly failed = output<CameraProblem>();

  protected readonly state = signal<'starting' | 'scanning'>('starting');

  private readonly video = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  private stream: MediaStream | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor() {
    afterNextRender(() => void this.start());
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  private async start(): Promise<void> {
    const media = globalThis.navigator?.mediaDevices;
    if (!media?.getUserMedia) {
      this.failed.emit('unavailable');
      return;
    }
    try {
      const [stream, decode] = await Promise.all([
        media.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false }),
        loadDecoder(),
      ]);
      if (this.stopped) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      this.stream = stream;
      const video = this.video().nativeElement;
      video.srcObject = stream;
      await video.play();
      this.state.set('scanning');
      this.scan(video, decode);
    } catch (error) {
      this.stop();
      const name = error instanceof DOMException ? error.name : '';
      this.failed.emit(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
    }
  }

  private scan(video: HTMLVideoElement, decode: Decode): void {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) {
      this.stop();
      this.failed.emit('unavailable');
      return;
    }
    const tick = () => {
      if (this.stopped) return;
      if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        const scale = Math.min(1, FRAME_SIZE / Math.max(video.videoWidth, video.videoHeight));
        const width = Math.round(video.videoWidth * scale);
        const height = Math.round(video.videoHeight * scale);
        canvas.width = width;
        canvas.height = height;
        context.drawImage(video, 0, 0, width, height);
        const frame = context.getImageData(0, 0, width, height);
        const code = decode(frame.data, width, height, { inversionAttempts: 'dontInvert' });
        if (code?.data) {
          this.stop();
          this.decoded.emit(code.data.trim());
          return;
        }
      }
      this.timer = setTimeout(tick, FRAME_INTERVAL_MS);
    };
    tick();
  }

  private stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
  }
}
