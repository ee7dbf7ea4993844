// The preload script: exposes the bridge on window.ticketboss and nothing else. It runs sandboxed; the renderer never
// sees ipcRenderer itself, only these two functions.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeWindowApi, LivePush } from './bridge.ts';

const api: BridgeWindowApi = {
  invoke: (channel, input) => ipcRenderer.invoke('bridge:invoke', channel, input),
  onLive: (listener) => {
    const forward = (_event: IpcRendererEvent, push: LivePush) => listener(push);
    ipcRenderer.on('bridge:live', forward);
    return () => ipcRenderer.removeListener('bridge:live', forward);
  },
};

contextBridge.exposeInMainWorld('ticketboss', api);
