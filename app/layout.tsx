import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Packline', template: '%s · Packline' },
  description: 'Warehouse and order management for e-commerce merchants and 3PLs.',
  robots: { index: false, follow: false },
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
