// One stored file in a list (a petition's letter, a registered document's scan): its name, which
// opens or downloads it, then its size, when it was added and by whom.
import { Text } from '@mantine/core';

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
