// Files kept with a registered document (the notice scanned): one line each, its name opening
// or downloading it, then its size, when it was added and by whom; and the button that adds some.
import { Button, FileButton, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';

export function StoredFileLine({
  file,
  onOpen,
}: {
  file: { fileName: string; size: number; addedAt: string; addedBy: string };
  onOpen: () => void;
}) {
  return (
    <Text>
      <Text
        component="button"
        type="button"
        c="blue.8"
        style={{ cursor: 'pointer', background: 'none', border: 0, padding: 0, font: 'inherit' }}
        onClick={onOpen}
      >
        {file.fileName}
      </Text>
      （{Math.ceil(file.size / 1024)} KB，{file.addedAt.replace('T', ' ')} {file.addedBy}）
    </Text>
  );
}

/** 添加附件: one or more files chosen, handed to `onFiles`; a refusal is the mutation's notification. */
export function AddFilesButton({
  loading,
  accept,
  onFiles,
}: {
  loading: boolean;
  accept?: string;
  onFiles: (files: File[]) => Promise<void>;
}) {
  return (
    <FileButton onChange={(f) => f.length && onFiles(f).catch(() => {})} multiple accept={accept}>
      {(props) => (
        <Button
          {...props}
          size="compact-md"
          variant="light"
          loading={loading}
          leftSection={<IconPaperclip size={16} />}
        >
          添加附件
        </Button>
      )}
    </FileButton>
  );
}
