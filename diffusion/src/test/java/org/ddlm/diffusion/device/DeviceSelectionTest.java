package org.ddlm.diffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import org.ddlm.diffusion.model.ModelException;
import org.junit.jupiter.api.Test;

class DeviceSelectionTest {

    @Test
    void parsesTheThreeChoicesInAnyCase() throws Exception {
        assertEquals(DeviceChoice.CPU, DeviceChoice.parse("cpu"));
        assertEquals(DeviceChoice.GPU, DeviceChoice.parse("GPU"));
        assertEquals(DeviceChoice.AUTO, DeviceChoice.parse(" Auto "));
        ModelException e = assertThrows(ModelException.class, () -> DeviceChoice.parse("tpu"));
        assertTrue(e.getMessage().contains("cpu, gpu or auto"), e.getMessage());
        assertThrows(ModelException.class, () -> DeviceChoice.parse(null));
    }

    @Test
    void autoTakesTheFirstGpuWhenThereIsOne() throws Exception {
        assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.AUTO, 0));
        assertEquals(Device.gpu(0), DeviceSelector.select(DeviceChoice.AUTO, 1));
        assertEquals(Device.gpu(0), DeviceSelector.select(DeviceChoice.AUTO, 4));
    }

    @Test
    void cpuIsHonouredEvenWithGpus() throws Exception {
        assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.CPU, 0));
        assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.CPU, 2));
    }

    @Test
    void gpuDemandedButAbsentIsAnActionableError() throws Exception {
        assertEquals(Device.gpu(0), DeviceSelector.select(DeviceChoice.GPU, 1));
        ModelException e = assertThrows(ModelException.class, () -> DeviceSelector.select(DeviceChoice.GPU, 0));
        assertTrue(e.getMessage().contains("--device cpu"), e.getMessage());
    }

    @Test
    void onTheRealEngineWithoutGpusAutoMeansCpuAndGpuFails() throws Exception {
        assumeTrue(TorchRuntime.engine().getGpuCount() == 0, "machine has a GPU");
        assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.AUTO));
        assertThrows(ModelException.class, () -> DeviceSelector.select(DeviceChoice.GPU));
    }
}
