package io.fasterapi.web.internal.form;

import io.fasterapi.web.UploadFile;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.multipart.FileUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An {@link UploadFile} over Netty's (mixed memory/disk) {@link FileUpload}. */
final class NettyUploadFile implements UploadFile {
    private final FileUpload upload;

    NettyUploadFile(FileUpload upload) {
        this.upload = upload;
    }

    @Override
    public String name() {
        return upload.getName();
    }

    @Override
    public String filename() {
        return upload.getFilename();
    }

    @Override
    public String contentType() {
        return upload.getContentType();
    }

    @Override
    public long size() {
        return upload.length();
    }

    @Override
    public boolean inMemory() {
        return upload.isInMemory();
    }

    @Override
    public InputStream open() throws IOException {
        if (upload.isInMemory()) {
            return new ByteArrayInputStream(ByteBufUtil.getBytes(upload.getByteBuf()));
        }
        return Files.newInputStream(upload.getFile().toPath());
    }

    @Override
    public byte[] bytes() throws IOException {
        if (upload.isInMemory()) {
            return ByteBufUtil.getBytes(upload.getByteBuf());
        }
        return Files.readAllBytes(upload.getFile().toPath());
    }

    @Override
    public void transferTo(Path target) throws IOException {
        if (upload.isInMemory()) {
            Files.write(target, bytes());
            return;
        }
        Path source = upload.getFile().toPath();
        if (!upload.renameTo(target.toFile())) { // Netty marks a renamed file as no longer its to delete
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "UploadFile[" + name() + ", " + filename() + ", " + size() + " bytes]";
    }
}
