import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Packline', template: '%s · Packline' },
  description: 'Warehouse and order management for e-commerce merchants and 3PLs.',
  robots: { index: false, follow: false },
  // Files in public/ (docs/decisions/0022-public-assets.md); the ICO serves browsers without SVG icons.
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/favicon.svg', type: 'image/svg+xml' },
    ],
    apple: '/apple-touch-icon.png',
  },
  manifest: '/manifest.webmanifest',
};

export const viewport: Viewport = {
  themeColor: '#fafafa',
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ToastProvider>{children}</ToastProvider>
      </body>
    </html>
  );
}
