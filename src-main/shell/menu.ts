// The application menu. Electron's default menu carries 切换开发者工具 (Ctrl+Shift+I) and reload,
// so the packaged app sets its own: the editing commands (which macOS needs for copy and paste)
// and zoom, in Chinese; developer tools and reload only when not packaged.
import type { Menu as MenuClass, MenuItemConstructorOptions } from 'electron';

export function appMenuTemplate(options: { development: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  if (options.development) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: '重新加载' },
      { role: 'toggleDevTools', label: '开发者工具' },
    );
  }
  return [
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
  ];
}

/** Replaces Electron's default menu; must run before the first window is created. */
export function installAppMenu(Menu: typeof MenuClass, development: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ development })));
}
