import './app/buffer-global';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createApi } from '@shared/create-api';
import { createQueryClient } from './app/query-client';
import { createBrowserTransport } from './app/browser-transport';
import { takeSessionSecret } from './app/browser-session';
import { serverConnection } from './app/server-connection';
import { App } from './app/app';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = createQueryClient();
// No preload means browser mode: window.api travels over a WebSocket to the server that served this page.
if (!('api' in globalThis)) {
  window.api = createApi(
    createBrowserTransport({
      sessionSecret: takeSessionSecret(),
      onReconnect: () => void queryClient.invalidateQueries(),
      onConnectionChange: serverConnection.set,
    }),
  );
}

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
